global using Interp.Explainers;
global using TorchSharp;
global using static TorchSharp.torch;
