import Foundation

/// Text made safe for HTML pages, and the small part of Markdown the gallery's captions use.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped (safe in element content and quoted attributes).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A Markdown caption as HTML: text escaped, `` `code` `` spans as `<code>`; other Markdown is shown as written.
    static func markdown(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escape(text) }
        var out = ""
        for (k, part) in parts.enumerated() {
            let inCode = k % 2 == 1 && k < parts.count - 1
            if k > 0, !(k % 2 == 0 || inCode) { out += "`" }
            out += inCode ? "<code>\(escape(String(part)))</code>" : escape(String(part))
        }
        return out
    }

    /// A page: the doctype, a head with `title` and `style`, then `body`.
    static func page(title: String, style: String, body: [String]) -> String {
        ([
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(escape(title))</title>",
            "<style>",
            style,
            "</style>",
            "</head>",
            "<body>",
        ] + body + ["</body>", "</html>", ""]).joined(separator: "\n")
    }
}
