# Builds the archive into a small runtime image. docker-compose.yml runs it beside PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Archive.sln Directory.Build.props Directory.Packages.props ./
COPY src/Archive.Web/Archive.Web.csproj src/Archive.Web/
RUN dotnet restore src/Archive.Web/Archive.Web.csproj
COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
# The commit the image is built from (build/release.sh passes it; a build context has no .git): `version` names it.
ARG SOURCE_REVISION=
RUN dotnet publish src/Archive.Web/Archive.Web.csproj -c Release -o /app --no-restore -p:SourceRevisionId=$SOURCE_REVISION

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# No HEALTHCHECK: the aspnet image has neither curl nor wget; probe http://HOST:8080/healthz from outside (200 while the
# database answers, 503 when it doesn't).
USER app
ENTRYPOINT ["dotnet", "Archive.Web.dll"]
