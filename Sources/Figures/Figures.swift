/// Figure recipes: each runs NeuralODE and draws the result with Render.
public enum Figures {}
