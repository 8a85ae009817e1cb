namespace OnnxKit.Sample.Service;

/// <summary>A request the service cannot take; answered as RFC 7807 problem details with <see cref="StatusCode"/>.</summary>
public sealed class BadRequestException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = statusCode;
}
