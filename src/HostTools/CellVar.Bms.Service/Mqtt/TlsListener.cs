using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>
    /// The embedded broker's optional TLS endpoint (MQTT over TLS, conventionally port 8883): the server certificate
    /// with its private key and where to listen. Credentials and ACL are the same as on the plain endpoint.
    /// </summary>
    /// <param name="Certificate">Server certificate including its private key.</param>
    /// <param name="Address">Address to listen on.</param>
    /// <param name="Port">TCP port to listen on.</param>
    public sealed record TlsListener(X509Certificate2 Certificate, IPAddress Address, int Port)
    {
        /// <summary>
        /// Loads the server certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, no password) or a PEM certificate
        /// whose private key is in <paramref name="keyFile"/> (or in the same PEM file when that is null).
        /// </summary>
        /// <exception cref="ArgumentException">The file cannot be read as a certificate with a private key (message names the file).</exception>
        /// <exception cref="FileNotFoundException">A file does not exist.</exception>
        public static X509Certificate2 LoadCertificate(string certFile, string? keyFile)
        {
            if (!File.Exists(certFile))
                throw new FileNotFoundException($"TLS certificate file '{certFile}' not found", certFile);
            if (keyFile != null && !File.Exists(keyFile))
                throw new FileNotFoundException($"TLS key file '{keyFile}' not found", keyFile);
            string ext = Path.GetExtension(certFile).ToLowerInvariant();
            X509Certificate2 cert;
            try
            {
                if (ext is ".pfx" or ".p12")
                {
                    cert = X509CertificateLoader.LoadPkcs12FromFile(certFile, null);
                }
                else
                {
                    using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certFile, keyFile ?? certFile);
                    // A PEM key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
                    cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                }
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException($"TLS certificate '{certFile}'{(keyFile != null ? $" with key '{keyFile}'" : "")} cannot be loaded: {e.Message}", e);
            }
            if (!cert.HasPrivateKey)
            {
                cert.Dispose();
                throw new ArgumentException($"TLS certificate '{certFile}' has no private key (give --tls-key or a .pfx that contains it)");
            }
            return cert;
        }
    }
}
