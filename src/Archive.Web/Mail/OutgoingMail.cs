using System.Net.Mail;
using System.Text;

namespace Archive.Web.Mail;

/// <summary>
/// The archive's email. With Archive:Mail:SmtpHost set it sends by SMTP; otherwise it writes .eml files to
/// Archive:Mail:Folder (default: a "mail" folder beside the private database), so development needs no mail server.
/// </summary>
public sealed class OutgoingMail(IConfiguration configuration) : IDisposable
{
    SmtpClient? smtp;

    /// <summary>Links in mail point here.</summary>
    public string Site => (configuration["Archive:SiteUrl"] ?? "http://localhost:5000").TrimEnd('/');

    public async Task SendAsync(string to, string subject, string body)
    {
        smtp ??= Connect();
        using var message = new MailMessage(configuration["Archive:Mail:From"] ?? "archive@localhost", to, subject, body)
        {
            // Plain 8-bit UTF-8 keeps the message readable as written, in mail clients and in the folder.
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.EightBit,
        };
        await smtp.SendMailAsync(message);
    }

    SmtpClient Connect()
    {
        if (configuration["Archive:Mail:SmtpHost"] is { Length: > 0 } host) return new SmtpClient(host, configuration.GetValue("Archive:Mail:SmtpPort", 25));
        var folder = configuration["Archive:Mail:Folder"] is { Length: > 0 } configured ? configured
            : Path.Combine(Path.GetDirectoryName(Database.PrivatePostgres.DefaultDataDirectory())!, "mail");
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    }

    public void Dispose() => smtp?.Dispose();
}
