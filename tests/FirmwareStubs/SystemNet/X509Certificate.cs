// Declaration-only reference stub: package nanoFramework.System.Net 1.11.60 (assembly System.Net), the type used in
// MqttClient's secure constructor (System.Security.Cryptography.X509Certificates.X509Certificate). The firmware passes
// null and relies on the CA store deployed with nanoff, so only the type is declared.
using System;

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate) { throw new NotImplementedException(); }
    }
}
