using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Archive.Web.Database;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or a server.</summary>
public sealed class DesignTimeArchiveDbContextFactory : IDesignTimeDbContextFactory<ArchiveDbContext>
{
    public ArchiveDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ArchiveDbContext>();
        ArchiveDbContext.Configure(options, "Host=localhost;Database=archive_design");
        return new ArchiveDbContext(options.Options);
    }
}
