using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.Functions.BrowserTests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Debian's chromedriver (the same build, so no driver download).
/// OUTREACH_CHROMIUM and OUTREACH_CHROMEDRIVER name another matching pair (a CI image's Chrome).
/// Missing either is a failure that says how to install them — never a silent skip.
/// </summary>
internal static class Browser
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("OUTREACH_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium";

    public static readonly string ChromedriverPath = Environment.GetEnvironmentVariable("OUTREACH_CHROMEDRIVER") is { Length: > 0 } driver ? driver : "/usr/bin/chromedriver";

    public static ChromeDriver Start(int width = 1280, int height = 900)
    {
        var missing = new[] { ChromiumPath, ChromedriverPath }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"The browser tests need Debian's chromium and chromedriver; missing {string.Join(", ", missing)}. "
                + "Install them with: apt-get install -y chromium chromium-driver (./test.sh does this when run as root).");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromedriverPath)!, Path.GetFileName(ChromedriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={width},{height}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }

    /// <summary>The whole page (not only the viewport) at <paramref name="width"/> CSS pixels, as a PNG in artifacts/screenshots.</summary>
    public static string Screenshot(ChromeDriver driver, string name, int width, bool mobile = false)
    {
        var height = Convert.ToInt32(driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight);"), System.Globalization.CultureInfo.InvariantCulture);
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = Math.Max(height, 200), ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        });
        // A narrower viewport reflows the page: measure again at the new width.
        height = Convert.ToInt32(driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight);"), System.Globalization.CultureInfo.InvariantCulture);
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = Math.Max(height, 200), ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        });
        var path = Path.Combine(Artifacts.Screenshots, name);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        return path;
    }

    public static Size Viewport(ChromeDriver driver) => driver.Manage().Window.Size;
}

/// <summary>artifacts/screenshots at the repository root (CI uploads it).</summary>
internal static class Artifacts
{
    public static string Screenshots
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outreach.sln"))) directory = directory.Parent;
            var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
