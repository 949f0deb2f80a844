// Declaration-only reference stub: package nanoFramework.TestFramework 3.0.77 (assembly nanoFramework.TestFramework),
// mirroring nanoframework/nanoFramework.TestFramework source/TestFrameworkShared/{TestClassAttribute,TestMethodAttribute,
// SetupAttribute}.cs and source/TestFramework/{Assert,Assert.AreEqual}.cs @ d4fa55e (members firmware/NFUnitTest uses).
// There is no tolerance overload of AreEqual upstream.
using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    public static partial class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new NotImplementedException(); }
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw new NotImplementedException(); }
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw new NotImplementedException(); }
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") { throw new NotImplementedException(); }
        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") { throw new NotImplementedException(); }
    }
}
