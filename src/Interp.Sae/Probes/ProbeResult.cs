namespace Interp.Sae.Probes;

/// <summary>A trained logistic-regression probe.</summary>
/// <param name="Weights">[rows][d]: one row (binary: logit of class 1) or one per class (softmax).</param>
/// <param name="Bias">Per row.</param>
/// <param name="Classes">Number of classes.</param>
/// <param name="TrainAccuracy">Accuracy on the training split.</param>
/// <param name="HeldOutAccuracy">Accuracy on the held-out split.</param>
/// <param name="TrainExamples">Training examples.</param>
/// <param name="HeldOutExamples">Held-out examples.</param>
public sealed record ProbeResult(double[][] Weights, double[] Bias, int Classes, double TrainAccuracy, double HeldOutAccuracy, int TrainExamples, int HeldOutExamples);
