/// The built-in systems' equations as `.ode` lines, in the same operation order as their Swift
/// code (so the text versions evaluate to the same doubles; tests check it).
enum CatalogText {
    static let equations: [String: String] = [
        "exp-decay": "y' = -k*y",
        "damped-oscillator": "x' = v\nv' = -k*x - c*v",
        "van-der-pol": "x' = y\ny' = mu*(1 - x^2)*y - x",
        "lotka-volterra": "prey' = a*prey - b*prey*predator\npredator' = -c*predator + d*prey*predator",
        "duffing": "x' = v\nv' = -delta*v - alpha*x - beta*x*x*x",
        "pendulum": "theta' = omega\nomega' = -g/l*sin(theta) - gamma*omega",
        "spiral": "x' = a11*x^3 + a21*y^3\ny' = a12*x^3 + a22*y^3",
        "lorenz": "x' = sigma*(y - x)\ny' = x*(rho - z) - y\nz' = x*y - beta*z",
        "rossler": "x' = -y - z\ny' = x + a*y\nz' = b + z*(x - c)",
    ]
}
