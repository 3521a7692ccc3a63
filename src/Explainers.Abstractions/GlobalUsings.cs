global using Interp.Explainers.Explanations;
global using Interp.Explainers.Models;
global using Interp.Explainers.Requests;
