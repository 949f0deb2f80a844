using System;
using CellVar.Bms.Service.Api;

namespace CellVar.Bms.Dashboard
{
    /// <summary>How the dashboard is mounted on the service's HTTP app.</summary>
    public sealed class DashboardOptions
    {
        /// <summary>
        /// Extra way to give the access token in code: handed to the service's <see cref="HttpAccessGuard"/>, which then
        /// requires it on every request (dashboard and API). Null (the default) leaves the service's own token
        /// (<c>ServiceOptions.HttpAccessToken</c>; <c>cellvar serve</c>/<c>demo</c> fill it from <c>CELLVAR_HTTP_TOKEN</c> /
        /// <c>CELLVAR_DASHBOARD_TOKEN</c>) in charge; a token different from the service's is refused at startup.
        /// </summary>
        public string? AccessToken { get; set; }

        /// <summary>How often the live feed sends coalesced updates to the browsers.</summary>
        public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    }
}
