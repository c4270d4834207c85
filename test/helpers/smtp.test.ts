import { connect } from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSmtpServer } from "./smtp.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp.close();
});

it("keeps receiving mail after a client resets its connection mid-session (as a killed server does)", async () => {
  const { port } = new URL(smtp.url);
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    socket.on("error", () => {});
    socket.once("data", () => {
      socket.write("EHLO may-bi-tat.local\r\n");
      socket.once("data", () => {
        // Inside a transaction, where smtp-server reports a reset instead of ignoring it.
        socket.write("MAIL FROM:<thong-bao@caunoi.local>\r\n");
        socket.once("data", () => {
          // An RST, not a FIN: what the peer sees when a process holding the socket is killed with -9.
          socket.resetAndDestroy();
          setTimeout(resolve, 200);
        });
      });
    });
    socket.once("close", () => {});
    setTimeout(() => reject(new Error("the SMTP server did not greet")), 5_000);
  });

  const transport = nodemailer.createTransport({ url: smtp.url } as never);
  await transport.sendMail({
    from: "a@caunoi.local",
    to: "b@caunoi.local",
    subject: "Vẫn nhận",
    text: "Vẫn nhận thư.",
  });
  expect(smtp.inbox.map((mail) => mail.to)).toEqual([["b@caunoi.local"]]);
});
