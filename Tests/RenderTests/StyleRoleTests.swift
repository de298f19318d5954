import Testing
@testable import Render

@Suite("Style roles: one look per meaning")
struct StyleRoleTests {
    let theme = Theme.standard

    @Test func everyRoleLooksDifferent() {
        var seen: [String: StyleRole] = [:]
        for role in StyleRole.allCases {
            let r = theme.role(role)
            let key = "\(HexColor.format(r.color)) \(r.dash) \(r.marker) \(r.openMarker) \(r.halfMarker)"
            #expect(seen[key] == nil, "\(role) looks like \(seen[key].map { "\($0)" } ?? "")")
            seen[key] = role
        }
    }

    /// Black is shared: the truth and the equilibria (of the true field) are both drawn in it.
    @Test func theModelRolesOwnTheirColours() {
        let owned: [StyleRole] = [.learned, .augmented, .data, .heldOut, .limitCycle]
        for role in owned {
            let c = theme.role(role).color
            for other in StyleRole.allCases where other != role && !owned.contains(other) {
                #expect(theme.role(other).color != c, "\(other) uses \(role)'s colour")
            }
        }
    }

    /// A gradient method's or a class's colour means that method or class only; the nullclines
    /// share the truth's colour, as the true field's.
    @Test func gradientAndClassColoursMeanOneThing() {
        for role in StyleRole.gradients + [.classA, .classB] {
            let c = theme.role(role).color
            for other in StyleRole.allCases where other != role {
                #expect(theme.role(other).color != c, "\(other) uses \(role)'s colour")
            }
        }
        #expect(theme.role(.nullclineX).color == theme.truth && theme.role(.nullclineY).color == theme.truth)
    }

    /// Within a family that shares a figure, two roles differ in dash or marker, so they read in grey.
    @Test(arguments: [[StyleRole.truth, .learned, .augmented, .data, .heldOut, .horizon, .limitCycle], StyleRole.solvers, StyleRole.gradients,
                      [.nullclineX, .nullclineY, .stableManifold, .unstableManifold, .limitCycle] + StyleRole.equilibria,
                      [StyleRole.classA, .classB, .learned, .augmented]])
    func familiesReadInGrey(_ family: [StyleRole]) {
        for (i, a) in family.enumerated() {
            for b in family[(i + 1)...] {
                let x = theme.role(a), y = theme.role(b)
                #expect(x.dash != y.dash || x.marker != y.marker || x.openMarker != y.openMarker || x.halfMarker != y.halfMarker,
                        "\(a) and \(b)")
            }
        }
    }

    @Test func methodsFindTheirRoles() {
        #expect(StyleRole(method: "rk4") == .rk4)
        #expect(StyleRole(method: "rk4-38") == .rk438)
        #expect(StyleRole(method: "truth") == nil)
        #expect(theme.line(.learned).dash == .pattern(theme.learnedDash))
        #expect(theme.marker(.unstableNode).fill == .white)
        #expect(theme.marker(.stableFocus).shape == .diamond && theme.marker(.stableFocus).fill == Palette.black)
        let saddle = theme.marker(.saddle, color: theme.learned)
        #expect(saddle.leftHalf == theme.learned && saddle.edge == theme.learned && saddle.fill == .white)
    }
}
