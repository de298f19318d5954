/// Where a saved output sits in the solve (backprop pulls the loss back through it).
enum OutputPlacement {
    /// At t0: the initial state itself.
    case initial
    /// At the end of accepted step m.
    case stepEnd(Int)
    /// Interpolated at θ inside accepted step m.
    case interpolated(Int, Double)
}

/// Saved states of a solve, kept between solves: rows of `stateSize` doubles, their times and placements.
///
/// Rows, times and placements live in buffers this class owns (an append is three stores: no
/// array uniqueness or capacity checks, no exclusivity checks on class properties inside the loop).
final class OutputBuffer {
    private(set) var stateSize = 0
    private(set) var states: UnsafeMutablePointer<Double>
    private var timeStorage: UnsafeMutablePointer<Double>
    private var placementStorage: UnsafeMutablePointer<OutputPlacement>
    /// Rows allocated.
    private var capacity = 0
    /// Rows saved so far.
    private(set) var count = 0

    init() {
        states = .allocate(capacity: 1)
        timeStorage = .allocate(capacity: 1)
        placementStorage = .allocate(capacity: 1)
    }

    deinit {
        states.deallocate()
        timeStorage.deallocate()
        placementStorage.deallocate()
    }

    /// The times of the saved rows.
    var times: [Double] { Array(UnsafeBufferPointer(start: timeStorage, count: count)) }
    /// Where each saved row sits in the solve.
    var placements: [OutputPlacement] { Array(UnsafeBufferPointer(start: placementStorage, count: count)) }

    /// Forgets the rows and makes room for `rows` of them, of `stateSize` doubles each.
    func reset(rows: Int, stateSize: Int) {
        count = 0
        if stateSize != self.stateSize {
            capacity = 0
            self.stateSize = stateSize
        }
        grow(to: rows)
    }

    @inline(__always)
    func append(_ t: Double, _ state: UnsafePointer<Double>, _ placement: OutputPlacement) {
        let used = count
        if used == capacity { grow(to: max(2 * capacity, used + 16)) }
        let row = states + used * stateSize
        for i in 0..<stateSize { row[i] = state[i] }
        timeStorage[used] = t
        placementStorage[used] = placement
        count = used + 1
    }

    private func grow(to rows: Int) {
        guard rows > capacity else { return }
        let grownStates = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows * stateSize))
        let grownTimes = UnsafeMutablePointer<Double>.allocate(capacity: rows)
        let grownPlacements = UnsafeMutablePointer<OutputPlacement>.allocate(capacity: rows)
        if count > 0 {
            grownStates.update(from: states, count: count * stateSize)
            grownTimes.update(from: timeStorage, count: count)
            grownPlacements.initialize(from: placementStorage, count: count)
        }
        states.deallocate()
        timeStorage.deallocate()
        placementStorage.deallocate()
        states = grownStates
        timeStorage = grownTimes
        placementStorage = grownPlacements
        capacity = rows
    }
}

/// Saves the state at requested times (dense output or Hermite interpolation inside a step, the
/// step's own state within 1e-10·|h| of its end), or at t0 and after every step.
struct OutputRecorder: IntegrationRecorder {
    /// Requested times in the direction of integration, or nil for every step.
    let requested: [Double]?
    let direction: Double
    let buffer: OutputBuffer
    /// Interpolated states are formed here (`stateSize` doubles).
    let scratch: UnsafeMutablePointer<Double>
    /// Index of the next requested time.
    private(set) var next = 0
    private var step = 0

    /// Saves rows of `stateSize` doubles into `buffer` (emptied first).
    init(requested: [Double]?, direction: Double, stateSize: Int, buffer: OutputBuffer,
         scratch: UnsafeMutablePointer<Double>) {
        self.requested = requested
        self.direction = direction
        self.buffer = buffer
        self.scratch = scratch
        buffer.reset(rows: requested?.count ?? 0, stateSize: stateSize)
    }

    var nextStop: Double? { nil }

    mutating func begin(t0: Double, y: UnsafePointer<Double>) {
        guard let requested else {
            buffer.append(t0, y, .initial)
            return
        }
        while next < requested.count, requested[next] == t0 {
            buffer.append(t0, y, .initial)
            next += 1
        }
    }

    mutating func accepted<S: Stepper>(t: Double, h: Double, tNew: Double, y: UnsafePointer<Double>,
                                       yNew: UnsafeMutablePointer<Double>, stepper: S) -> Bool {
        defer { step += 1 }
        guard let requested else {
            buffer.append(tNew, yNew, .stepEnd(step))
            return false
        }
        let snap = 1e-10 * abs(h)
        while next < requested.count {
            let tau = requested[next]
            if abs(tau - tNew) <= snap {
                buffer.append(tau, yNew, .stepEnd(step))
            } else if direction * (tau - tNew) < 0 {
                let theta = (tau - t) / h
                stepper.interpolate(t: t, h: h, tNew: tNew, theta: theta, y: y, yNew: yNew, into: scratch)
                buffer.append(tau, scratch, .interpolated(step, theta))
            } else {
                break
            }
            next += 1
        }
        return false
    }
}
