// The scan thread scans UTF-8 bytes, the one-thread read scans the decoded text: both must give
// the same answers, on tricky texts and on random ones built from the characters that matter.
import { describe, expect, it } from "vitest";
import { scanBytes, scanText } from "../../src/readers/scan.js";

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("the byte scan and the text scan agree", () => {
  const texts = [
    "",
    '{"a": "b"}',
    '{"k\\"": "v\\\\", "x": "\\""}',
    '["\\ud800"]',
    '["\\ud800\\udc00"]',
    '["\\udc00\\ud800"]',
    '["\\ud800\\ud800"]',
    '["\\\\ud800"]',
    '["\\\\\\ud800"]',
    '["\\ud80"]',
    '["\\ud8',
    '["\\u',
    '["\\',
    '["é😀\\ud83d\\ude00", "ü"]',
    '{"\\u006fp": "\\uD800x"}',
  ];
  for (const text of texts) it(`on ${JSON.stringify(text)}`, () => expect(scanBytes(bytesOf(text))).toEqual(scanText(text)));

  it("on 20,000 random texts of quotes, backslashes, escapes and multi-byte characters", () => {
    const parts = ['"', "\\", "\\u", "d8", "dc", "00", "D8", "ud800", "u", "x", "é", "😀", " ", "{", "}"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let lone = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      for (let k = Math.floor(random() * 24); k > 0; k--) text += parts[Math.floor(random() * parts.length)];
      const text_ = scanText(text);
      if (text_.loneSurrogate) lone++;
      expect(scanBytes(bytesOf(text)), text).toEqual(text_);
    }
    expect(lone).toBeGreaterThan(100); // the random texts do reach the surrogate branch
  });
});
