global using Interp.Explainers;
