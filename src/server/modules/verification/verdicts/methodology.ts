import { html, SafeHtml } from "../../../http/html.ts";

/*
 * The public methodology page: the one scale, how a claim is checked, who signs off, and how a
 * published verdict is corrected. Correction articles link here. Server-rendered, no JavaScript.
 */

const styles = new SafeHtml(`*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.6;color:#1f2328;background:#f6f7f9;overflow-wrap:break-word}
header{background:#b71c1c;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:760px;margin:0 auto;padding:16px}
h1{font-size:1.5em;line-height:1.3;margin:.4em 0}
h2{font-size:1.2em;margin:1.4em 0 .4em}
.label{border-radius:8px;padding:12px 16px;margin:10px 0;border:2px solid}
.label h3{margin:0 0 4px;font-size:1.1em}
.label p{margin:0}
.fake{background:#ffebee;border-color:#c62828}
.false{background:#fff3e0;border-color:#ef6c00}
.true{background:#e8f5e9;border-color:#2e7d32}
.other{background:#eceff1;border-color:#78909c}
a{color:#0b57d0}
footer{max-width:760px;margin:24px auto;padding:0 16px;color:#57606a;font-size:.9em}`);

export function methodologyPage(): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phương pháp xác minh tin và chính sách đính chính · Cầu Nối</title>
<meta name="description" content="Cách các đơn vị xác minh tin người dân báo, ba mức kết luận công khai (Tin giả, Tin sai sự thật, Tin xác thực), việc duyệt trước khi công bố và chính sách đính chính.">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${styles}</style>
</head>
<body>
<header><a href="/">Cầu Nối</a></header>
<main>
<h1>Phương pháp xác minh tin và chính sách đính chính</h1>
<p>Tổ xử lý thông tin của các đơn vị tiếp nhận tin do người dân, cán bộ, đảng viên, đoàn viên, hội viên báo về, kiểm tra nội dung với các nguồn có thẩm quyền và công bố kết luận trên trang tin của đơn vị. Việc xác minh chỉ xét <strong>nội dung thông tin và trang mạng</strong>, không đánh giá quan điểm hay con người.</p>

<h2 id="thang-ket-luan">Ba mức kết luận công khai</h2>
<div class="label fake"><h3>Tin giả</h3><p>Thông tin bịa đặt hoàn toàn, hoặc mạo danh cơ quan, tổ chức, cá nhân để lan truyền; không có sự việc như được nêu.</p></div>
<div class="label false"><h3>Tin sai sự thật</h3><p>Thông tin có sự việc liên quan nhưng bị nêu sai, cắt ghép, phóng đại hoặc đặt sai bối cảnh (thời gian, địa điểm, số liệu) so với nguồn có thẩm quyền.</p></div>
<div class="label true"><h3>Tin xác thực</h3><p>Thông tin đúng với công bố của cơ quan có thẩm quyền hoặc với bằng chứng đã được kiểm chứng.</p></div>
<p>Hai kết quả sau <strong>không được công bố</strong>; người báo tin được biết hồ sơ đã được xử lý:</p>
<div class="label other"><h3>Chưa đủ căn cứ</h3><p>Chưa tìm được nguồn có thẩm quyền để khẳng định hay bác bỏ. Hồ sơ được khép lại và có thể mở lại khi có thêm căn cứ.</p></div>
<div class="label other"><h3>Ngoài phạm vi</h3><p>Nội dung không phải là thông tin có thể kiểm chứng (ý kiến, quan điểm, dự đoán) hoặc không thuộc phạm vi của đơn vị.</p></div>

<h2 id="cach-xac-minh">Cách một tin được xác minh</h2>
<ol>
<li>Tiếp nhận tin (địa chỉ trang, nội dung, ảnh chụp màn hình) và cấp mã theo dõi cho người báo tin.</li>
<li>Đối chiếu với các hồ sơ đã có: tin trùng được gộp lại để trả lời một lần cho tất cả người báo tin.</li>
<li>Phân loại (lừa đảo, y tế, thiên tai, an ninh trật tự, mạo danh, khác), xác định mức độ khẩn cấp và thời hạn xử lý.</li>
<li>Kiểm tra theo danh mục việc cần làm của từng loại; ghi lại mọi nguồn đã tham khảo, đánh dấu nguồn chính thức của cơ quan có thẩm quyền, lưu bản sao hoặc ảnh chụp.</li>
<li>Soạn kết luận: mức kết luận, nội dung được xác minh (ngắn gọn) và phần giải thích kèm nguồn đối chiếu.</li>
</ol>

<h2 id="duyet">Duyệt trước khi công bố</h2>
<p>Mỗi kết luận phải được một người có thẩm quyền duyệt, <strong>không phải người đã soạn</strong>, trước khi công bố. Bài đính chính được đăng trên trang tin chính thức của đơn vị, nêu rõ kết luận, phần giải thích và danh sách nguồn đối chiếu.</p>

<h2 id="dinh-chinh">Chính sách đính chính</h2>
<p>Kết luận đã công bố không bao giờ được sửa âm thầm. Khi cần sửa:</p>
<ol>
<li>Kết luận được tạm dừng; bài đính chính hiển thị thông báo “đang được xem xét lại để đính chính”.</li>
<li>Kết luận được sửa, duyệt lại bởi người có thẩm quyền và công bố lại tại cùng địa chỉ.</li>
<li>Mỗi lần công bố lại kèm nội dung đính chính, hiển thị công khai trong “Nhật ký đính chính” cuối bài (ngày, điều gì đã thay đổi và vì sao).</li>
<li>Người báo tin có để lại e-mail được thông báo khi kết luận được công bố và sau mỗi lần đính chính.</li>
</ol>
<p>Nếu thấy một kết luận chưa chính xác, vui lòng gửi tin kèm nguồn qua trang <a href="/bao-tin">báo tin cần xác minh</a>.</p>

<h2 id="nguoi-bao-tin">Thông tin của người báo tin</h2>
<p>Địa chỉ e-mail của người báo tin là không bắt buộc, chỉ dùng để thông báo kết quả và được xóa khi hết thời hạn lưu hồ sơ.</p>
</main>
<footer>Cầu Nối — nền tảng công tác thông tin của các cơ quan, tổ chức.</footer>
</body>
</html>`.value;
}
