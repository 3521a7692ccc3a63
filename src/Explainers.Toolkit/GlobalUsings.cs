global using Interp.Explainers.Explanations;
