import Foundation
import Testing
@testable import Render

@Suite("Colour maps, palette and theme")
struct ColorTests {
    func close(_ c: Color, _ r: Double, _ g: Double, _ b: Double, tol: Double = 1e-9) -> Bool {
        abs(c.r - r) <= tol && abs(c.g - g) <= tol && abs(c.b - b) <= tol
    }

    func byteHex(_ c: Color) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32((v * 255).rounded()) }
        return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b)
    }

    /// CIE76 distance in L*a*b* (D65) between two sRGB colours.
    func labDistance(_ x: Color, _ y: Color) -> Double { x.labDistance(to: y) }

    @Test func tablesHave256Entries() {
        for map in [Colormap.viridis, .cividis, .magma, .diverging] { #expect(map.count == 256, "\(map.name)") }
    }

    @Test func publishedEntries() {
        // matplotlib's _cm_listed.py: viridis rows 0, 128, 255; cividis and magma ends.
        #expect(close(Colormap.viridis.entry(0), 0.267004, 0.004874, 0.329415))
        #expect(close(Colormap.viridis.entry(128), 0.127568, 0.566949, 0.550556))
        #expect(close(Colormap.viridis.entry(255), 0.993248, 0.906157, 0.143936))
        #expect(close(Colormap.cividis.entry(0), 0.0, 0.135112, 0.304751))
        #expect(close(Colormap.cividis.entry(255), 0.995737, 0.909344, 0.217772))
        #expect(close(Colormap.magma.entry(0), 0.001462, 0.000466, 0.013866))
        #expect(close(Colormap.magma.entry(255), 0.987053, 0.991438, 0.749504))
    }

    @Test func endpointsMatchPublishedHex() {
        #expect(byteHex(Colormap.viridis.color(at: 0)) == 0x440154)
        #expect(byteHex(Colormap.viridis.color(at: 1)) == 0xFDE725)
        // ColorBrewer RdBu ends, reversed: blue for negative, dark red for positive.
        #expect(byteHex(Colormap.diverging.color(at: 0)) == 0x053061)
        #expect(byteHex(Colormap.diverging.color(at: 1)) == 0x67001F)
    }

    @Test func lookupInterpolatesClampsAndFlagsNaN() {
        let v = Colormap.viridis
        #expect(v.color(at: 128.0 / 255) == v.entry(128))
        let mid = v.color(at: 128.5 / 255)
        #expect(abs(mid.g - (v.entry(128).g + v.entry(129).g) / 2) < 1e-12)
        #expect(v.color(at: -3) == v.entry(0))
        #expect(v.color(at: 7) == v.entry(255))
        #expect(v.color(at: .infinity) == v.entry(255))
        #expect(v.color(at: .nan) == Colormap.defaultBadColor)
        #expect(v.reversed.color(at: 0) == v.entry(255))
        #expect(v.reversed.name == "viridis_r")
    }

    @Test func sequentialMapsGetLighterMonotonically() {
        for map in [Colormap.viridis, .cividis, .magma] {
            let l = (0..<256).map { map.entry($0).luminance }
            #expect(zip(l, l.dropFirst()).allSatisfy { $0 < $1 }, "\(map.name)")
        }
    }

    @Test func divergingMapIsLightAtZeroAndDarkAtEnds() {
        let d = Colormap.diverging
        let centre = d.color(at: 0.5)
        #expect(centre.luminance > 0.95)
        #expect(d.color(at: 0).luminance < 0.2 && d.color(at: 1).luminance < 0.2)
        #expect(d.color(at: 0.25).b > d.color(at: 0.25).r)
        #expect(d.color(at: 0.75).r > d.color(at: 0.75).b)
        // A missing value must not look like zero error.
        #expect(abs(d.badColor.luminance - centre.luminance) > 0.3)
    }

    @Test func okabeItoPublishedValues() {
        #expect(Palette.okabeIto.map(byteHex) == [0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7])
    }

    @Test func seriesColoursBelongToNoRole() {
        // A generic series (a component, a run of a sweep) must never be read as a role: no role's
        // colour, and not even close to one (CIE76 distance in L*a*b* above 20).
        let theme = Theme.standard
        for role in StyleRole.allCases {
            let c = theme.role(role).color
            for s in theme.series {
                #expect(s != c, "\(role)")
                #expect(labDistance(s, c) > 20, "\(role) \(byteHex(s))")
            }
        }
        // The first twelve series differ in colour or dash.
        let looks = (0..<12).map { "\(byteHex(theme.seriesLine($0).color)) \(theme.seriesLine($0).dash)" }
        #expect(Set(looks).count == 12)
    }

    /// The classes share figures with the model roles (the circles figure): their colours are far
    /// from every other role's, and from each other in lightness, so they read apart in grey.
    @Test func classColoursAreTheirOwn() {
        let theme = Theme.standard
        for cls in [StyleRole.classA, .classB] {
            let c = theme.role(cls).color
            for other in StyleRole.allCases where other != cls {
                #expect(labDistance(theme.role(other).color, c) > 20, "\(cls) near \(other)")
            }
        }
        // Lightness L* of each class: the distance to black is exactly L*, black having a* = b* = 0.
        let lightA = labDistance(theme.role(.classA).color, .black), lightB = labDistance(theme.role(.classB).color, .black)
        #expect(abs(lightA - lightB) > 25, "classes in grey: L* \(lightA) and \(lightB)")
    }

    /// Runs ordered by a number and unordered series share figures (theorem 3.1.2: widths above,
    /// best fit and Adam below): the series colours drawn beside a ramp are far from every colour
    /// the ramp can give, so no colour means a run in one panel and a series in the other.
    @Test func seriesBesideARampKeepClearOfIt() {
        let theme = Theme.standard
        #expect(Color(hex: 0x444477).labDistance(to: theme.rampColor(1, of: 4)) < 20, "the case the rule is for: slate near width 2")
        let ramp = (0...300).map { Colormap.cividis.color(at: Theme.rampEnd * Double($0) / 300) }
        for k in 0..<4 {
            let s = theme.seriesColorBesideRamp(k)
            let nearest = ramp.map { labDistance($0, s) }.min() ?? 0
            #expect(nearest > 20, "series \(k) beside a ramp (\(byteHex(s))) is \(nearest) from it")
        }
        #expect(theme.seriesColorBesideRamp(0) != theme.seriesColorBesideRamp(1))
        // The L*a*b* conversion itself: white is L* 100, black 0, and a grey has no colour.
        #expect(abs(Color.white.lab.l - 100) < 0.01 && abs(Color.black.lab.l) < 1e-9)
        let grey = Color(hex: 0x777777).lab
        #expect(abs(grey.a) < 0.01 && abs(grey.b) < 0.01)
    }

    @Test func themeFileAgreesWithBuiltIn() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../assets/theme.json").standardized.path
        let loaded = try Theme.load(path: path)
        #expect(loaded == Theme.standard)
        // And the file is exactly what the built-in theme writes, so neither can drift.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Theme.standard.jsonData())
    }

    @Test func partialThemeKeepsDefaults() throws {
        let t = try Theme.decode(Data(##"{"background": "#10203040", "title_size": 14, "sequential_colormap": "magma"}"##.utf8))
        #expect(t.background == Color(hex: 0x102030, alpha: Double(0x40) / 255))
        #expect(t.titleSize == 14)
        #expect(t.sequential == .magma)
        #expect(t.tickLabelSize == Theme.standard.tickLabelSize)
    }

    @Test func themeErrorsNameTheKey() {
        #expect(throws: ThemeError.unknownKey(path: "theme", key: "titel_size")) { try Theme.decode(Data(#"{"titel_size": 3}"#.utf8)) }
        #expect(throws: ThemeError.self) { try Theme.decode(Data(#"{"grid": "grey"}"#.utf8)) }
        #expect(throws: ThemeError.self) { try Theme.decode(Data(#"{"line_width": -1}"#.utf8)) }
        #expect(throws: ThemeError.self) { try Theme.decode(Data(#"{"line_width": true}"#.utf8)) }
        #expect(throws: ThemeError.self) { try Theme.decode(Data("[1, 2]".utf8)) }
        #expect(throws: ThemeError.fileMissing(path: "/nonexistent/theme.json")) { try Theme.load(path: "/nonexistent/theme.json") }
    }

    @Test func hexRoundTrip() {
        #expect(HexColor.parse("#0072B2") == Color(hex: 0x0072B2))
        #expect(HexColor.format(Color(hex: 0x0072B2)) == "#0072b2")
        #expect(HexColor.format(Color(hex: 0x0072B2, alpha: 0.5)) == "#0072b280")
        #expect(HexColor.parse("#12345") == nil)
        #expect(HexColor.parse("#GG0000") == nil)
    }
}
