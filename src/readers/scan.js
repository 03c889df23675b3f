// The strict read's scans of JSON text that JSON.parse cannot do for us, each one native string
// search over the text: how many strings it holds (to find a repeated key) and whether an escape
// leaves a lone UTF-16 surrogate. Plain JavaScript so the scan thread (scan-worker.js) runs the
// same code from the source tree and from the package.

const BACKSLASH = 0x5c;

/** @typedef {{ strings: number, loneSurrogate: boolean }} TextScan */

/** @param {string} text @param {number} at @returns {number} how many backslashes end just before `at` */
function backslashesBefore(text, at) {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === BACKSLASH) n++;
  return n;
}

/**
 * The number of strings (keys and values) in JSON text: its unescaped quotes over two. JSON has
 * no backslash outside strings, so a quote preceded by an odd run of backslashes is inside one.
 * Exact for any text JSON.parse accepts; on other text the count is meaningless and unused.
 * @param {string} text
 * @returns {number}
 */
export function countStrings(text) {
  let quotes = 0;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) {
    if (backslashesBefore(text, q) % 2 === 0) quotes++;
  }
  return quotes / 2;
}

/** @param {number} c @returns {number} the value of a hex digit's char code, or -1 */
function hexValue(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** @param {string} text @param {number} i @returns {number} the 0xD800-0xDFFF unit a `\uXXXX` escape at i encodes, or -1 */
function surrogateAt(text, i) {
  if (text.charCodeAt(i) !== BACKSLASH || text.charCodeAt(i + 1) !== 0x75) return -1;
  let unit = 0;
  for (let k = 2; k < 6; k++) {
    const h = hexValue(text.charCodeAt(i + k));
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit >= 0xd800 && unit <= 0xdfff ? unit : -1;
}

/**
 * Strict UTF-8 decoding leaves no lone surrogate in the text, but a `\ud800` escape puts one
 * back: JSON.parse accepts it, the Wasm JSON parser aborts.
 * @param {string} text
 * @returns {boolean} true when an escape encodes a surrogate that is not half of a pair
 */
export function hasLoneSurrogateEscape(text) {
  for (let i = text.indexOf("\\u"); i >= 0; i = text.indexOf("\\u", i + 2)) {
    if (backslashesBefore(text, i) % 2 === 1) continue; // an escaped backslash followed by a plain "u"
    const unit = surrogateAt(text, i);
    if (unit < 0) continue;
    const low = unit < 0xdc00 ? surrogateAt(text, i + 6) : -1;
    if (low < 0xdc00) return true;
    i += 6; // skip the low half of the pair
  }
  return false;
}

/**
 * Both scans of one text.
 * @param {string} text
 * @returns {TextScan}
 */
export function scanText(text) {
  return { strings: countStrings(text), loneSurrogate: hasLoneSurrogateEscape(text) };
}
