import Testing
@testable import Figures

@Suite("One number format")
struct NumberFormatTests {
    let nb = NumberFormat.groupSeparator

    @Test func significantFiguresKeepTrailingZeros() {
        #expect(NumberFormat.real(0.3) == "0.300")
        #expect(NumberFormat.real(0.0275) == "0.0275")
        #expect(NumberFormat.real(1.0213) == "1.02")
        #expect(NumberFormat.real(4.106, significant: 3) == "4.11")
        #expect(NumberFormat.real(-0.048596, significant: 4) == "\u{2212}0.04860")
        #expect(NumberFormat.real(9.996) == "10.0")
    }

    @Test func powersOfTenOutsideTheReadableRange() {
        #expect(NumberFormat.real(9.1e-7, significant: 2) == "9.1 × 10⁻⁷")
        #expect(NumberFormat.real(0.00104) == "0.00104")
        #expect(NumberFormat.real(2.5e-13, significant: 2) == "2.5 × 10⁻¹³")
        #expect(NumberFormat.real(3.1e-5, significant: 2, style: .label) == "3.1 × 10^{\u{2212}5}")
        #expect(NumberFormat.real(1.2e7, significant: 2) == "1.2 × 10⁷")
    }

    @Test func digitGroupsFromTenThousand() {
        #expect(NumberFormat.count(9839) == "9839")
        #expect(NumberFormat.count(19440) == "19\(nb)440")
        #expect(NumberFormat.count(1691309) == "1\(nb)691\(nb)309")
        #expect(NumberFormat.real(12345.6, significant: 6) == "12\(nb)345.6")
        #expect(NumberFormat.percent(0.84) == "84.0%")
    }

    @Test func settingsKeepTheirOwnDigits() {
        let m = NumberText.minus
        #expect(KeyNumber("t", setting: 20).text == "20")
        #expect(KeyNumber("t", setting: 0.5).text == "0.5")
        #expect(KeyNumber("t", setting: -60).text == "\(m)60")
        #expect(KeyNumber("t", setting: 10_000).text == "10\(NumberFormat.groupSeparator)000")
        #expect(KeyNumber("t", setting: 1e-8).text == "1 × 10\u{207B}\u{2078}")
        #expect(KeyNumber("t", setting: 2.5e-8).text == "2.5 × 10\u{207B}\u{2078}")
        #expect(KeyNumber("t", setting: 0.123456789).text == "0.123457")
        #expect(KeyNumber("t", setting: 20).value == 20)
    }
}

