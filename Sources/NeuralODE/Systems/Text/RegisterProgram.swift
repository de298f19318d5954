/// A flat register program evaluating several expressions of a state, batched over states.
///
/// Instruction i writes register i (single assignment); identical subtrees share one register
/// (the compiler hash-conses them), so a Jacobian compiled with its field reuses nothing twice.
/// States are processed in chunks, instruction by instruction, with the registers in a stack
/// buffer: evaluation allocates nothing. A chunk is as wide as keeps the registers within 16 KiB
/// (L1), at most 256 states and never wider than the batch, so a single state needs a buffer of
/// a few hundred bytes, which Swift places on the stack without a stack-limit check.
struct RegisterProgram: Sendable {
    enum Instruction: Sendable {
        case constant(Double)
        case state(Int)
        case time
        case negate(Int)
        case add(Int, Int), subtract(Int, Int), multiply(Int, Int), divide(Int, Int)
        case square(Int)
        /// `a^n` for a small integer n ≥ 3, by repeated multiplication left to right.
        case integerPower(Int, Int)
        case power(Int, Int)
        case logic(BinaryOperator, Int, Int)
        case not(Int)
        case function(BuiltinFunction, Int, Int)
        case select(Int, Int, Int)
    }

    /// Most states evaluated together per pass over the instructions.
    static let maxLanes = 256

    let instructions: [Instruction]
    /// Register of each output, in output order.
    let outputs: [Int]
    /// Components per input state.
    let dimension: Int

    /// Compiles `expressions` (resolved, parameters already numbers) over states of `dimension` components.
    init(expressions: [Expression], dimension: Int) {
        var compiler = Compiler()
        outputs = expressions.map { compiler.emit($0) }
        instructions = compiler.instructions
        self.dimension = dimension
    }

    /// Evaluates every output for `batch` consecutive states of `y`.
    ///
    /// Output k of state b goes to `out[b * stateStride + (k / columns) * rowStride + k % columns]`:
    /// a field's d outputs land at `out[b * d + k]` (columns d), a Jacobian's d×d outputs in
    /// row-major blocks of a larger matrix (columns d, rowStride its width).
    @inline(__always)
    func run(batch: Int, t: Double, y: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>,
             stateStride: Int, columns: Int, rowStride: Int) {
        let count = instructions.count
        if batch == 1 {
            runSingle(t: t, y: y, out: out, columns: columns, rowStride: rowStride)
            return
        }
        let lanes = min(batch, Self.maxLanes, max(8, 2048 / max(1, count)))
        let d = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, count * lanes)) { buffer in
            guard let registers = buffer.baseAddress else { return }
            outputs.withUnsafeBufferPointer { outputs in
                var start = 0
                while start < batch {
                    let width = min(lanes, batch - start)
                    execute(registers: registers, lanes: lanes, width: width, first: start == 0, t: t, y: y + start * d)
                    for (k, register) in outputs.enumerated() {
                        let source = registers + register * lanes
                        let target = out + start * stateStride + (k / columns) * rowStride + k % columns
                        for lane in 0..<width { target[lane * stateStride] = source[lane] }
                    }
                    start += width
                }
            }
        }
    }

    /// One state (a solver's evaluation): one register per instruction, no lane loops.
    ///
    /// The same operations in the same order as `execute`, so the results are identical bit for bit.
    @inline(__always)
    private func runSingle(t: Double, y: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>, columns: Int, rowStride: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, instructions.count)) { buffer in
            guard let r = buffer.baseAddress else { return }
            instructions.withUnsafeBufferPointer { program in
                for index in program.indices {
                    let v: Double
                    switch program[index] {
                    case .constant(let c): v = c
                    case .state(let i): v = y[i]
                    case .time: v = t
                    case .negate(let a): v = -r[a]
                    case .add(let a, let b): v = r[a] + r[b]
                    case .subtract(let a, let b): v = r[a] - r[b]
                    case .multiply(let a, let b): v = r[a] * r[b]
                    case .divide(let a, let b): v = r[a] / r[b]
                    case .square(let a): v = r[a] * r[a]
                    case .integerPower(let a, let n):
                        var p = r[a] * r[a]
                        for _ in 2..<n { p *= r[a] }
                        v = p
                    case .power(let a, let b): v = BinaryOperator.power.apply(r[a], r[b])
                    case .logic(let op, let a, let b): v = op.apply(r[a], r[b])
                    case .not(let a): v = r[a] == 0 ? 1 : 0
                    case .function(let f, let a, let b): v = f.apply(r[a], r[b])
                    case .select(let c, let a, let b): v = r[c] != 0 ? r[a] : r[b]
                    }
                    r[index] = v
                }
            }
            outputs.withUnsafeBufferPointer { outputs in
                for (k, register) in outputs.enumerated() { out[(k / columns) * rowStride + k % columns] = r[register] }
            }
        }
    }

    /// Runs the instructions for `width` states starting at `y`.
    @inline(__always)
    /// Constants are written in the first chunk only: their registers keep them for the others.
    private func execute(registers r: UnsafeMutablePointer<Double>, lanes: Int, width: Int, first: Bool,
                         t: Double, y: UnsafePointer<Double>) {
        let d = dimension
        instructions.withUnsafeBufferPointer { program in
            for (index, instruction) in program.enumerated() {
                let out = r + index * lanes
                switch instruction {
                case .constant(let v): if first { for l in 0..<width { out[l] = v } }
                case .state(let i): for l in 0..<width { out[l] = y[l * d + i] }
                case .time: for l in 0..<width { out[l] = t }
                case .negate(let a): let x = r + a * lanes; for l in 0..<width { out[l] = -x[l] }
                case .add(let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = x[l] + z[l] }
                case .subtract(let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = x[l] - z[l] }
                case .multiply(let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = x[l] * z[l] }
                case .divide(let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = x[l] / z[l] }
                case .square(let a): let x = r + a * lanes; for l in 0..<width { out[l] = x[l] * x[l] }
                case .integerPower(let a, let n):
                    let x = r + a * lanes
                    for l in 0..<width {
                        var p = x[l] * x[l]
                        for _ in 2..<n { p *= x[l] }
                        out[l] = p
                    }
                case .power(let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = BinaryOperator.power.apply(x[l], z[l]) }
                case .logic(let op, let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = op.apply(x[l], z[l]) }
                case .not(let a): let x = r + a * lanes; for l in 0..<width { out[l] = x[l] == 0 ? 1 : 0 }
                case .function(let f, let a, let b):
                    let x = r + a * lanes, z = r + b * lanes
                    for l in 0..<width { out[l] = f.apply(x[l], z[l]) }
                case .select(let c, let a, let b):
                    let x = r + c * lanes, p = r + a * lanes, q = r + b * lanes
                    for l in 0..<width { out[l] = x[l] != 0 ? p[l] : q[l] }
                }
            }
        }
    }
}

/// Emits instructions for trees, one register per distinct subtree.
private struct Compiler {
    var instructions: [RegisterProgram.Instruction] = []
    var registers: [Expression: Int] = [:]

    mutating func emit(_ e: Expression) -> Int {
        if let known = registers[e] { return known }
        let instruction: RegisterProgram.Instruction
        switch e {
        case .number(let v): instruction = .constant(v)
        case .state(let i): instruction = .state(i)
        case .time: instruction = .time
        // Unresolved nodes never reach the compiler; parameters were substituted by numbers.
        case .name, .call, .parameter: instruction = .constant(.nan)
        case .negate(let a): instruction = .negate(emit(a))
        case .not(let a): instruction = .not(emit(a))
        case .conditional(let c, let a, let b): instruction = .select(emit(c), emit(a), emit(b))
        case .function(let f, let args):
            let a = emit(args[0])
            instruction = .function(f, a, args.count > 1 ? emit(args[1]) : a)
        case .binary(let op, let a, let b):
            let x = emit(a)
            switch op {
            case .add: instruction = .add(x, emit(b))
            case .subtract: instruction = .subtract(x, emit(b))
            case .multiply: instruction = .multiply(x, emit(b))
            case .divide: instruction = .divide(x, emit(b))
            case .power:
                if case .number(let n) = b, n == 2 { instruction = .square(x) }
                else if case .number(let n) = b, n >= 3, n <= 8, n == n.rounded() { instruction = .integerPower(x, Int(n)) }
                else { instruction = .power(x, emit(b)) }
            default: instruction = .logic(op, x, emit(b))
            }
        }
        instructions.append(instruction)
        let index = instructions.count - 1
        registers[e] = index
        return index
    }
}
