// The one XML document Expenses accepts: a DataContract <string> in the serialization
// namespace. A tiny strict reader, so no DOCTYPE, external entity or expansion can exist:
// anything beyond the five predefined entities and character references is refused.
import { invalidRequest } from "./edgeError";

const SERIALIZATION_NS = "http://schemas.microsoft.com/2003/10/Serialization/";

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes text content: predefined entities and character references; anything else is refused. */
function decodeXmlText(text: string): string {
  return text.replace(/&([^;&]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw invalidRequest("The XML body has a malformed entity reference.");
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (!m) throw invalidRequest("The XML body refers to an undeclared entity.");
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
    if (!isXmlChar(cp)) throw invalidRequest("The XML body has an invalid character reference.");
    return String.fromCodePoint(cp);
  });
}

const MISC = /^(?:\s+|<!--(?:(?!--)[\s\S])*-->|<\?(?!xml[\s?])[A-Za-z_][\s\S]*?\?>)/;

/** Reads `<string xmlns="…Serialization/">value</string>` and returns the value. */
export function readXmlString(xml: string): string {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw invalidRequest("XML with a DOCTYPE is not accepted.");
  let rest = xml;
  const decl = /^<\?xml\s+([^?]*)\?>/.exec(rest);
  if (decl) {
    const enc = /encoding\s*=\s*["']([^"']+)["']/.exec(decl[1]!);
    if (enc && !/^utf-?8$/i.test(enc[1]!)) throw invalidRequest("The XML body must be UTF-8.");
    rest = rest.slice(decl[0].length);
  }
  for (let m = MISC.exec(rest); m; m = MISC.exec(rest)) rest = rest.slice(m[0].length);
  const open = /^<string((?:\s+[A-Za-z_:][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(rest);
  if (!open) throw invalidRequest('The XML body must be a <string xmlns="http://schemas.microsoft.com/2003/10/Serialization/"> element.');
  const attrs = new Map<string, string>();
  for (const a of open[1]!.matchAll(/([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g)) {
    if (attrs.has(a[1]!)) throw invalidRequest("The XML body repeats an attribute.");
    attrs.set(a[1]!, decodeXmlText(a[2] ?? a[3] ?? ""));
  }
  if (attrs.get("xmlns") !== SERIALIZATION_NS) throw invalidRequest(`The <string> element must be in the ${SERIALIZATION_NS} namespace.`);
  for (const name of attrs.keys()) {
    if (name !== "xmlns" && !name.startsWith("xmlns:")) throw invalidRequest(`The <string> element has an unexpected attribute ${name}.`);
  }
  rest = rest.slice(open[0].length);
  let value = "";
  if (open[2] !== "/") {
    // Content: text, CDATA sections and comments only, scanned in order until </string>.
    for (;;) {
      if (rest.startsWith("<![CDATA[")) {
        const end = rest.indexOf("]]>");
        if (end < 0) throw invalidRequest("The XML body has an unclosed CDATA section.");
        value += rest.slice(9, end).replace(/\r\n?/g, "\n");
        rest = rest.slice(end + 3);
      } else if (rest.startsWith("<!--")) {
        const end = rest.indexOf("-->", 4);
        if (end < 0 || rest.slice(4, end).includes("--")) throw invalidRequest("The XML body has a malformed comment.");
        rest = rest.slice(end + 3);
      } else if (rest.startsWith("</")) {
        const close = /^<\/string\s*>/.exec(rest);
        if (!close) throw invalidRequest("The <string> element must contain only text.");
        rest = rest.slice(close[0].length);
        break;
      } else if (rest.startsWith("<")) {
        throw invalidRequest("The <string> element must contain only text.");
      } else {
        const next = rest.indexOf("<");
        if (next < 0) throw invalidRequest("The XML body is not closed.");
        const text = rest.slice(0, next);
        if (text.includes("]]>")) throw invalidRequest("The XML body has a stray ]]>.");
        // XML normalizes line ends to \n before anything else.
        value += decodeXmlText(text.replace(/\r\n?/g, "\n"));
        rest = rest.slice(next);
      }
    }
  }
  for (let m = MISC.exec(rest); m; m = MISC.exec(rest)) rest = rest.slice(m[0].length);
  if (rest.length) throw invalidRequest("The XML body has content after the <string> element.");
  for (const ch of value) {
    if (!isXmlChar(ch.codePointAt(0)!)) throw invalidRequest("The XML body contains a character XML does not allow.");
  }
  return value;
}

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
