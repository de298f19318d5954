@testable import CLI
import NeuralODE
import Testing

/// The plane `ode-plot phase` draws: the system's own axes (an `.ode` file's xp, yp) decide which
/// free component is horizontal.
@Suite struct PlaneOptionsTests {
    @Test func filesAxesOrderTheFreeComponents() throws {
        let options = try PlaneOptions.parse(["--slice", "y=1.5"])
        let window = PlotWindow(xComponent: 2, yComponent: 0, x: 0...50, y: -20...20)
        let plane = try options.plane(names: ["x", "y", "z"], systemName: "lorenz.ode", defaultWindow: window, window: nil)
        #expect(plane.xComponent == 2 && plane.yComponent == 0)
        #expect(plane.x == 0...50 && plane.y == -20...20)
        #expect(plane.base == [0, 1.5, 0])
    }

    @Test func indexOrderWithoutAxesOfItsOwn() throws {
        let options = try PlaneOptions.parse(["--slice", "x=0"])
        let window = PlotWindow(xComponent: 0, yComponent: 1, x: -3...3, y: -4...4)
        let plane = try options.plane(names: ["x", "y", "z"], systemName: "s", defaultWindow: window, window: nil)
        #expect(plane.xComponent == 1 && plane.yComponent == 2)
    }

    @Test func planarSwappedAxes() throws {
        let window = PlotWindow(xComponent: 1, yComponent: 0, x: -4...4, y: -3...3)
        let plane = try PlaneOptions.parse([]).plane(names: ["x", "y"], systemName: "s", defaultWindow: window, window: nil)
        #expect(plane.xComponent == 1 && plane.yComponent == 0)
        #expect(plane.x == -4...4 && plane.y == -3...3)
    }
}
