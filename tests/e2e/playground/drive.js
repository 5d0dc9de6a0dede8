// Drives the Microsoft 365 Agents Playground in headless Chromium, as a council's Clerk
// would use clerkbot in Teams: a policy question, a software request, the decision.
// Prints one JSON line per step ({"step", "text"}); exits 1 (with a screenshot) on failure.
//   PLAYGROUND_URL (default http://127.0.0.1:56150/), CHROMIUM (default /usr/bin/chromium),
//   SCREENSHOTS (a folder; default: the current one)
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const URL = process.env.PLAYGROUND_URL || "http://127.0.0.1:56150/";
const SHOTS = process.env.SCREENSHOTS || ".";
const WAIT = 20000;

function report(step, text) {
  console.log(JSON.stringify({ step, text }));
}

async function say(page, text) {
  const box = page.locator("[role=textbox][contenteditable=true]");
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

// The newest card whose text contains `needle` (a string: any case; a RegExp: exact).
async function card(page, needle) {
  const found = page.locator(".ac-adaptiveCard", { hasText: needle }).last();
  await found.waitFor({ timeout: WAIT });
  return found;
}

async function run(page) {
  await page.goto(URL, { waitUntil: "networkidle" });
  await card(page, "Hello, I'm clerkbot");
  report("welcome", "shown");

  await say(page, "can I use a USB stick?");
  const answer = await card(page, "§5.3");
  report("answer", await answer.innerText());

  // The opening message names the software: it is noted, not asked again.
  await say(page, "I need to install Zoom");
  await card(page, "noted Software: Zoom");
  await card(page, "(2/6)");
  const answers = [
    ["Zoom Workplace 6.2, zoom.us", "(3/6)"],
    ["Remote committee meetings", "(4/6)"],
    ["Office laptop", "(5/6)"],
    ["Free basic licence", "(6/6)"],
    ["yes", "Please check your software request"],
  ];
  for (const [text, next] of answers) {
    await say(page, text);
    await card(page, next);
  }
  const summary = await card(page, "Please check your software request");
  await summary.getByRole("button", { name: "Confirm and send" }).click();
  const sent = await card(page, "Sent to the Clerk as SW-0001");
  report("filed", await sent.innerText());

  // The Clerk's card arrives on its own (a proactive message from the outbox).
  const decision = await card(page, "New software request SW-0001");
  report("clerk card", await decision.innerText());
  await decision.getByRole("button", { name: "Approve", exact: true }).click();
  // The card changes in place, for everyone: the decision shows, the buttons are gone.
  const decided = await card(page, /Approved by Jane Clerk at/);
  await page.getByRole("button", { name: "Approve", exact: true })
    .first().waitFor({ state: "detached", timeout: WAIT });
  report("decided card", await decided.innerText());
  const told = await card(page, "was approved by Jane Clerk");
  report("requester told", await told.innerText());
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  let failed = false;
  try {
    await run(page);
  } catch (error) {
    failed = true;
    report("error", String(error && error.stack ? error.stack : error));
  } finally {
    await page.screenshot({ path: path.join(SHOTS, failed ? "playground-failed.png" : "playground.png") });
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})();
