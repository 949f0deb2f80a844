using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using CellVar.Bms.Service.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>
    /// Debian's headless Chromium through Debian's chromedriver (matching versions by packaging; nothing is downloaded).
    /// Missing browser: the test is skipped locally and fails with CELLVAR_CI=1.
    /// </summary>
    internal sealed class Browser : IDisposable
    {
        public const string ChromiumPath = "/usr/bin/chromium";
        public const string DriverPath = "/usr/bin/chromedriver";

        private readonly string _profile;

        private Browser(ChromeDriver driver, string profile)
        {
            Driver = driver;
            _profile = profile;
        }

        public ChromeDriver Driver { get; }

        /// <summary>Skips (locally) or fails (CI) when Chromium or chromedriver is not installed (the shared rule in Services.cs).</summary>
        public static void RequireInstalled()
        {
            if (File.Exists(ChromiumPath) && File.Exists(DriverPath))
                return;
            Services.Missing($"{ChromiumPath} or {DriverPath} (apt-get install -y chromium chromium-driver)");
        }

        public static Browser Start(int width = 1100, int height = 720)
        {
            RequireInstalled();
            string profile = Path.Combine(Path.GetTempPath(), "cellvar-chromium-" + Guid.NewGuid().ToString("N")[..8]);
            var o = new ChromeOptions { BinaryLocation = ChromiumPath };
            o.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, $"--window-size={width},{height}");
            ChromeDriverService svc = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
            svc.HideCommandPromptWindow = true;
            svc.SuppressInitialDiagnosticInformation = true;
            var d = new ChromeDriver(svc, o, TimeSpan.FromSeconds(60));
            d.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
            return new Browser(d, profile);
        }

        public object? Js(string script, params object[] args) => Driver.ExecuteScript(script, args);

        private static string Diagnosis(Func<string>? diagnose)
        {
            if (diagnose == null)
                return "";
            try { return "; page showed: " + diagnose(); }
            catch (Exception e) { return "; page could not be read: " + e.Message; }
        }

        /// <summary>
        /// Waits until <paramref name="condition"/> holds; the message names what did not happen and, when given, what
        /// <paramref name="diagnose"/> saw on the page at that moment.
        /// </summary>
        public void WaitUntil(Func<bool> condition, string what, double seconds = 15, Func<string>? diagnose = null)
        {
            var sw = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if (condition())
                        return;
                }
                catch (WebDriverException) when (sw.Elapsed.TotalSeconds < seconds)
                {
                    // e.g. element replaced while we looked at it (the page redraws live)
                }
                if (sw.Elapsed.TotalSeconds > seconds)
                    throw new TimeoutException($"timed out after {seconds} s waiting for {what}" + Diagnosis(diagnose));
                Thread.Sleep(50);
            }
        }

        /// <summary>Saves a PNG screenshot; returns its path.</summary>
        public string Screenshot(string directory, string name)
        {
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, name + ".png");
            Driver.GetScreenshot().SaveAsFile(path);
            return path;
        }

        public void Dispose()
        {
            try { Driver.Quit(); } catch (WebDriverException) { }
            Driver.Dispose();
            try { Directory.Delete(_profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
