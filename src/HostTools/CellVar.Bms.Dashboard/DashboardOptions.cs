using System;

namespace CellVar.Bms.Dashboard
{
    /// <summary>How the dashboard is mounted on the service's HTTP app.</summary>
    public sealed class DashboardOptions
    {
        /// <summary>Environment variable read for <see cref="AccessToken"/> when none is given in code.</summary>
        public const string TokenVariable = "CELLVAR_DASHBOARD_TOKEN";

        /// <summary>
        /// Access token required on every HTTP request (dashboard and API) when set; mandatory when the HTTP listener
        /// is not on loopback. Defaults to <c>CELLVAR_DASHBOARD_TOKEN</c>.
        /// </summary>
        public string? AccessToken { get; set; } = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } t ? t : null;

        /// <summary>How often the live feed sends coalesced updates to the browsers.</summary>
        public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    }
}
