namespace SmartTrader.Runtime.Storage;

/// <summary>
/// The store could not commit (or could not be reached for) an operation. For a write the row may or may not have
/// been committed if the connection broke during the commit; the caller should re-read before retrying. The inner
/// exception is the driver's (null only when rebuilt from another silo's answer without one).
/// </summary>
public sealed class GrainStorageException(string message, Exception? innerException) : Exception(message, innerException);
