/// Plain text (file names, user labels) made safe for label notation.
public enum LiteralText {
    /// `text` with the notation's special characters escaped, so it reads exactly as given
    /// ("run_2" stays "run_2" instead of setting "2" as a subscript).
    public static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\", "_", "^", "{", "}": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}
