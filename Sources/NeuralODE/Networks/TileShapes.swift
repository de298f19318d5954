/// The compile-time shapes and modes of `DenseKernels.tile`: as type parameters they make the
/// compiler emit one specialised tile per combination, with every row and mode test folded away.
protocol TileRows { static var count: Int { get } }
protocol TileWidth { static var vectors: Int { get } }

/// How a tile's accumulators start, from the output position and the column's bias.
protocol TileStart {
    static func start(_ out: UnsafePointer<Double>, _ bias: UnsafePointer<Double>) -> DenseKernels.Vector
}

/// What happens to an accumulator before it is stored; `aux` is at the output's position in an
/// auxiliary array of the output's layout.
protocol TileFinish {
    static func finish(_ value: DenseKernels.Vector, _ aux: UnsafePointer<Double>) -> DenseKernels.Vector
}

enum TileRows1: TileRows { static var count: Int { 1 } }
enum TileRows2: TileRows { static var count: Int { 2 } }
enum TileRows3: TileRows { static var count: Int { 3 } }
enum TileRows4: TileRows { static var count: Int { 4 } }
enum TileRows5: TileRows { static var count: Int { 5 } }
enum TileWidth4: TileWidth { static var vectors: Int { 1 } }
enum TileWidth8: TileWidth { static var vectors: Int { 2 } }

enum StartZero: TileStart {
    @inline(__always)
    static func start(_ out: UnsafePointer<Double>, _ bias: UnsafePointer<Double>) -> DenseKernels.Vector {
        DenseKernels.Vector()
    }
}

/// The column's bias.
enum StartBias: TileStart {
    @inline(__always)
    static func start(_ out: UnsafePointer<Double>, _ bias: UnsafePointer<Double>) -> DenseKernels.Vector {
        DenseKernels.load(bias)
    }
}

enum FinishNone: TileFinish {
    @inline(__always)
    static func finish(_ value: DenseKernels.Vector, _ aux: UnsafePointer<Double>) -> DenseKernels.Vector {
        value
    }
}

enum FinishTanh: TileFinish {
    @inline(__always)
    static func finish(_ value: DenseKernels.Vector, _ aux: UnsafePointer<Double>) -> DenseKernels.Vector {
        FastMath.tanh(value)
    }
}

/// Multiplies by tanh's derivative 1 − a² from its output a, read from `aux`.
enum FinishTanhDerivative: TileFinish {
    @inline(__always)
    static func finish(_ value: DenseKernels.Vector, _ aux: UnsafePointer<Double>) -> DenseKernels.Vector {
        let a = DenseKernels.load(aux)
        return value * (1 - a * a)
    }
}
