using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace CellVar.Bms.Dashboard
{
    /// <summary>
    /// The front end (wwwroot/**) is embedded in this assembly: nothing to deploy beside the binary, nothing fetched
    /// at run time. Files are read once and served with a content type and a validator (ETag).
    /// </summary>
    internal sealed class StaticAssets
    {
        private readonly Dictionary<string, (byte[] Body, string ContentType, string ETag)> _files = new(StringComparer.Ordinal);

        public StaticAssets()
        {
            Assembly asm = typeof(StaticAssets).Assembly;
            var types = new FileExtensionContentTypeProvider();
            foreach (string name in asm.GetManifestResourceNames())
            {
                if (!name.StartsWith("wwwroot/", StringComparison.Ordinal))
                    continue;
                using Stream s = asm.GetManifestResourceStream(name)!;
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                byte[] body = ms.ToArray();
                string path = name["wwwroot/".Length..];
                string type = types.TryGetContentType(path, out string? t) ? t : "application/octet-stream";
                if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
                    type += "; charset=utf-8";
                string etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))[..16] + "\"";
                _files[path] = (body, type, etag);
            }
        }

        /// <summary>Paths available (relative to wwwroot).</summary>
        public IEnumerable<string> Paths => _files.Keys;

        public IResult Serve(HttpContext ctx, string path)
        {
            if (!_files.TryGetValue(path, out var f))
                return Results.Json(new { error = $"no dashboard file '{path}'" }, statusCode: 404);
            if (ctx.Request.Headers.IfNoneMatch == f.ETag)
                return Results.StatusCode(StatusCodes.Status304NotModified);
            ctx.Response.Headers.ETag = f.ETag;
            ctx.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(f.Body, f.ContentType);
        }
    }
}
