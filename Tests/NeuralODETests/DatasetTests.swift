import Foundation
import Testing
@testable import NeuralODE

@Suite("Trajectory dataset CSV")
struct DatasetTests {
    @Test("reads trajectories with labels, any column order, blank lines and CRLF")
    func readsLabelled() throws {
        let text = "trajectory,t,x,v\r\n0,0,1,0\r\n0,0.5,0.9,-0.2\r\n\r\n1,0,2,1\r\n1,0.25,1.5,0.5\r\n1,1,1e-3,-4\r\n"
        let data = try TrajectoryDataset.parse(text)
        #expect(data.componentNames == ["x", "v"])
        #expect(data.trajectories.count == 2)
        #expect(data.trajectories[0] == .init(label: "0", times: [0, 0.5], values: [1, 0, 0.9, -0.2]))
        #expect(data.trajectories[1].times == [0, 0.25, 1])
        #expect(data.trajectories[1].state(at: 2, dimension: 2) == [1e-3, -4])
    }

    @Test("without a trajectory column the file is one trajectory; columns may be reordered")
    func readsSingle() throws {
        let data = try TrajectoryDataset.parse("y, t\n3,0\n2.5,0.1\n2,0.2\n")
        #expect(data.componentNames == ["y"])
        #expect(data.trajectories == [.init(label: "0", times: [0, 0.1, 0.2], values: [3, 2.5, 2])])
    }

    @Test("writing then reading gives the same dataset and the same text")
    func roundTrip() throws {
        let dataset = TrajectoryDataset(componentNames: ["x", "y"], trajectories: [
            .init(label: "0", times: [0, 0.1, 0.30000000000000004], values: [1, 2, 0.1, 5e-324, -3, 1.0 / 3]),
            .init(label: "1", times: [0, 1], values: [1e20, -0.0, 7, 8]),
        ])
        let text = dataset.csvText()
        #expect(text.hasPrefix("trajectory,t,x,y\n0,0.0,1.0,2.0\n"))
        let back = try TrajectoryDataset.parse(text)
        #expect(back == dataset)
        #expect(back.csvText() == text)
        let single = TrajectoryDataset(componentNames: ["y"], trajectories: [.init(label: "0", times: [0, 1], values: [1, 2])])
        #expect(single.csvText() == "t,y\n0.0,1.0\n1.0,2.0\n")
    }

    static let badCases: [(name: String, text: String, error: DatasetError)] = [
        ("ragged row", "t,x,y\n0,1,2\n1,2\n", .raggedRow(row: 3, count: 2, expected: 3)),
        ("long row", "t,x\n0,1\n1,2\n2,3,4\n", .raggedRow(row: 4, count: 3, expected: 2)),
        ("non-numeric cell", "t,x,y\n0,1,2\n1,abc,2\n", .notANumber(row: 3, column: "x", cell: "abc")),
        ("empty cell", "t,x\n0,1\n0.5,\n", .notANumber(row: 3, column: "x", cell: "")),
        ("non-finite cell", "t,x\n0,1\n1,nan\n", .notANumber(row: 3, column: "x", cell: "nan")),
        ("non-numeric time", "t,x\n0,1\nlater,2\n", .notANumber(row: 3, column: "t", cell: "later")),
        ("one time", "trajectory,t,x\n0,0,1\n0,1,2\n1,0,3\n", .tooFewTimes(trajectory: "1", count: 1, row: 4)),
        ("no rows", "t,x\n", .tooFewTimes(trajectory: "0", count: 0, row: 2)),
        ("times decrease", "t,x\n0,1\n0.5,2\n0.4,3\n", .timesNotIncreasing(row: 4, column: "t", time: 0.4, previous: 0.5)),
        ("times repeat", "trajectory,t,x\na,0,1\na,0,2\n", .timesNotIncreasing(row: 3, column: "t", time: 0, previous: 0)),
        ("trajectory split", "trajectory,t,x\n0,0,1\n0,1,1\n1,0,1\n1,1,1\n0,2,1\n",
         .trajectoryNotContiguous(trajectory: "0", row: 6)),
        ("no t column", "time,x\n0,1\n", .missingTimeColumn(header: ["time", "x"])),
        ("no state column", "trajectory,t\n0,0\n", .noStateColumns),
        ("duplicate column", "t,x,x\n0,1,2\n", .duplicateColumn(name: "x")),
        ("empty file", "", .empty),
    ]

    @Test("each bad data file names its row", arguments: badCases.indices)
    func badFile(index: Int) {
        let (name, text, expected) = Self.badCases[index]
        do {
            _ = try TrajectoryDataset.parse(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error == expected, "\(name): \(error)")
        }
    }

    @Test("messages say which row and column, counting the header as row 1")
    func messages() {
        #expect(DatasetError.notANumber(row: 3, column: "x", cell: "abc").description
            == "data file row 3, column x: \"abc\" is not a finite number (rows count the header as row 1)")
        #expect(DatasetError.raggedRow(row: 3, count: 2, expected: 3).description
            == "data file row 3 has 2 cells, the header has 3 (rows count the header as row 1)")
    }

    @Test("a missing file is named in the error")
    func missingFile() {
        #expect(throws: DatasetError.fileNotFound(path: "/nonexistent/data.csv")) {
            try TrajectoryDataset.load(path: "/nonexistent/data.csv")
        }
    }
}
