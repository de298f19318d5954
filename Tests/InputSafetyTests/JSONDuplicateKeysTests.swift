import Foundation
import InputSafety
import Testing

@Suite struct JSONDuplicateKeysTests {
    private func first(_ text: String) -> JSONDuplicateKeys.Duplicate? {
        JSONDuplicateKeys.first(in: Data(text.utf8))
    }

    @Test func distinctKeysPass() {
        #expect(first(#"{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}"#) == nil)
        #expect(first(#"[1, "a", {"x": "a", "y": "a"}]"#) == nil)
    }

    @Test func topLevelDuplicateNamesKeyAndPlace() {
        let found = first("{\n  \"format\": \"x\",\n  \"format\": \"y\"\n}")
        #expect(found == .init(key: "format", path: "(top level)", line: 3, column: 3))
    }

    @Test func nestedDuplicateNamesItsObject() {
        let found = first(#"{"layers": [{"bias": [1], "weight": []}, {"bias": [], "bias": []}]}"#)
        #expect(found?.key == "bias")
        #expect(found?.path == "layers[1]")
    }

    @Test func escapedKeysCompareDecoded() {
        #expect(first(#"{"a": 1, "\u0061": 2}"#)?.key == "a")
        #expect(first(#"{"\ud83d\ude00": 1, "😀": 2}"#)?.key == "😀")
        #expect(first(#"{"a\"": 1, "a": 2}"#) == nil)
    }

    @Test func valuesThatLookLikeKeysAreNotKeys() {
        #expect(first(#"{"k": "a", "a": "k", "list": ["k", "k"]}"#) == nil)
    }

    @Test func malformedTextEndsWithoutTrapping() {
        for text in [#"{"a"#, #"{"a\"#, #"{"\u12"#, "}}]]", #"{"a":1,"a""#, ""] {
            _ = first(text)
        }
        #expect(first(#"{"a":1,"a""#)?.key == "a")
    }
}
