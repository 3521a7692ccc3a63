using Microsoft.Playwright;
using Xunit;

namespace Interp.Reports.Tests;

/// <summary>
/// One headless chromium for the browser tests: Debian's <c>/usr/bin/chromium</c> (CI installs it; a missing browser
/// fails the tests, it does not skip them).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.");
        }

        _playwright = await Playwright.CreateAsync();
        var args = new List<string>
        {
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
        };
        if (Environment.UserName == "root") args.Add("--no-sandbox");
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true, Args = args });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.CloseAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
