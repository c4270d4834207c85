import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { channels, people, postVariants, roleGrants, units } from "../db/schema/index.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { loadActor } from "../modules/org/service.ts";
import {
  approveVariant,
  articleUrlOfVariant,
  createPost,
  markPublishedByHand,
  submitVariant,
} from "../modules/publishing/service.ts";
import { submitStory } from "../modules/publishing/stories.ts";
import { EMAIL_DOMAIN } from "./demo.ts";

/*
 * A few articles on the demo province's portal, written, approved and published through the desk's
 * own rules (an editor writes, an approver approves), plus one waiting for approval and one story
 * a member sent in, so every screen of the desk has something to show on first start.
 */

const published = [
  {
    title: "Tuyên Quang đón hơn 2 triệu lượt khách du lịch trong 10 tháng",
    summary: "Lượng khách tăng mạnh nhờ các lễ hội và điểm đến cộng đồng ở vùng cao.",
    tags: ["du lịch"],
    body: `<p>Trong 10 tháng năm 2026, toàn tỉnh đón hơn 2 triệu lượt khách, tăng 18% so với cùng kỳ. Các điểm du lịch cộng đồng ở Tân Trào, Na Hang và Lâm Bình thu hút đông khách nhất.</p>
<p>Ngành du lịch tiếp tục đẩy mạnh quảng bá trên các kênh chính thức và hướng dẫn người dân kiểm tra thông tin đặt phòng, đặt tour qua kênh của cơ quan nhà nước.</p>`,
  },
  {
    title: "Cảnh báo thủ đoạn giả danh công an gọi điện yêu cầu cài ứng dụng",
    summary: "Công an không gọi điện yêu cầu người dân cài ứng dụng hay chuyển tiền.",
    tags: ["an ninh", "cảnh báo lừa đảo"],
    body: `<p>Thời gian gần đây xuất hiện nhiều cuộc gọi giả danh cán bộ công an, yêu cầu người dân cài ứng dụng “dịch vụ công” giả để cập nhật định danh điện tử, sau đó chiếm đoạt tiền trong tài khoản.</p>
<p>Người dân lưu ý: <strong>cơ quan công an không làm việc qua điện thoại</strong> và không yêu cầu chuyển tiền. Khi nghi ngờ, hãy kiểm tra trang mạng xã hội có phải kênh chính thức tại mục “Kiểm tra kênh”.</p>`,
  },
  {
    title: "Khai mạc Lễ hội Thành Tuyên năm 2026",
    summary: "Lễ hội rước đèn Trung thu lớn nhất cả nước diễn ra trong 3 ngày.",
    tags: ["văn hóa", "lễ hội"],
    body: `<p>Tối 24/9, Lễ hội Thành Tuyên năm 2026 chính thức khai mạc với màn rước đèn của 24 mô hình đèn Trung thu khổng lồ do các phường, xã thực hiện.</p>
<p>Ban Tổ chức khuyến cáo người dân theo dõi lịch trình rước đèn trên Cổng thông tin và trang Facebook chính thức của tỉnh.</p>`,
  },
  {
    title: "Hướng dẫn nhận biết trang mạng xã hội chính thức của cơ quan nhà nước",
    summary: "Ba bước đơn giản để không bị lừa bởi trang giả mạo.",
    tags: ["chuyển đổi số", "cảnh báo lừa đảo"],
    body: `<p>Trước khi làm theo hướng dẫn trên mạng xã hội, hãy kiểm tra trang đó có phải kênh chính thức:</p>
<ol><li>Dán đường dẫn vào trang “Kiểm tra kênh”.</li><li>Tra danh bạ kênh chính thức theo đơn vị.</li><li>Khi nghi ngờ, gọi đường dây nóng của cơ quan.</li></ol>`,
  },
];

/** The demo schedules nothing: its articles are published by hand once approved. */
const noScheduling: JobQueue = {
  send: () => Promise.reject(new Error("the demo posts schedule nothing")),
  register: () => Promise.reject(new Error("the demo posts run no worker")),
  stop: async () => {},
  get boss(): never {
    throw new Error("the demo posts use no queue");
  },
};

async function personByEmail(db: Db, email: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  return row ? loadActor(db, row.id, "session") : null;
}

/** Adds the demo posts; called once, right after the demo province is created. */
export async function seedDemoPosts(db: Db, deps: { publicUrl: string }): Promise<number> {
  const [root] = await db.select({ id: units.id }).from(units).where(eq(units.code, "TQ"));
  const [website] = root
    ? await db
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.unitId, root.id), eq(channels.platform, "website")))
    : [];
  const [fanpage] = root
    ? await db
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.unitId, root.id), eq(channels.platform, "facebook_page")))
    : [];
  const editor = await personByEmail(db, `trang.lethu@${EMAIL_DOMAIN}`);
  const [approverRow] = root
    ? await db
        .select({ id: roleGrants.personId })
        .from(roleGrants)
        .where(and(eq(roleGrants.unitId, root.id), eq(roleGrants.role, "approver")))
        .orderBy(sql`${roleGrants.createdAt}`)
        .limit(1)
    : [];
  const approver = approverRow ? await loadActor(db, approverRow.id, "session") : null;
  if (!root || !website || !editor || !approver) {
    return 0;
  }
  const publishing = { jobs: noScheduling, publicUrl: deps.publicUrl, media: async () => [] };
  const as = (actor: NonNullable<typeof editor>) => ({ db, actor, ip: null });
  let count = 0;
  for (const article of published) {
    const post = await createPost(as(editor), publishing, {
      unitId: root.id,
      title: article.title,
      summary: article.summary,
      bodyHtml: article.body,
      tags: article.tags,
      channelIds: [website.id],
    });
    const [variant] = await db.select().from(postVariants).where(eq(postVariants.postId, post.id));
    if (!variant) {
      continue;
    }
    await submitVariant(as(editor), publishing, variant.id);
    await approveVariant(as(approver), variant.id);
    await markPublishedByHand(
      as(editor),
      variant.id,
      await articleUrlOfVariant(db, deps.publicUrl, variant.id),
    );
    count += 1;
  }
  // One waiting for the approver, with its Facebook variant beside the portal one.
  const waiting = await createPost(as(editor), publishing, {
    unitId: root.id,
    title: "Thông báo lịch tiếp công dân tháng 12/2026",
    bodyHtml:
      "<p>Lãnh đạo tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở Tiếp công dân tỉnh.</p>",
    tags: ["thông báo"],
    channelIds: fanpage ? [website.id, fanpage.id] : [website.id],
  });
  for (const variant of await db.select().from(postVariants).where(eq(postVariants.postId, waiting.id))) {
    await submitVariant(as(editor), publishing, variant.id);
  }
  const member = await personByEmail(db, `hoa.mathi@${EMAIL_DOMAIN}`);
  if (member) {
    await submitStory(as(member), publishing, {
      title: "Chi đoàn Tân Trào ra quân làm sạch đường làng",
      text: "Sáng Chủ nhật, 30 đoàn viên chi đoàn thôn Tân Lập ra quân dọn vệ sinh tuyến đường liên thôn dài 2 km.\n\nBà con trong thôn cùng tham gia và góp cây xanh trồng hai bên đường.",
      mediaIds: [],
    });
  }
  return count;
}
