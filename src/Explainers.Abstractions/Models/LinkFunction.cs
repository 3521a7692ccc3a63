namespace Interp.Explainers.Models;

/// <summary>How a tree ensemble's raw scores become its predictions (the inverse link of its objective).</summary>
public enum LinkFunction
{
    /// <summary>The raw score is the prediction (regression, ranking).</summary>
    Identity = 0,

    /// <summary>1 / (1 + exp(−(scale·raw + offset))) per output (LightGBM <c>binary</c>, <c>multiclassova</c>, <c>cross_entropy</c>; ML.NET's Platt calibrator).</summary>
    Logistic = 1,

    /// <summary>Softmax over the outputs (LightGBM <c>multiclass</c>).</summary>
    Softmax = 2,

    /// <summary>exp(raw) (LightGBM <c>poisson</c>, <c>gamma</c>, <c>tweedie</c>).</summary>
    Exp = 3,

    /// <summary>sign(raw)·raw² (LightGBM regression objectives with <c>sqrt</c>).</summary>
    SignedSquare = 4,

    /// <summary>log(1 + exp(raw)) (LightGBM <c>cross_entropy_lambda</c>).</summary>
    Softplus = 5,
}
