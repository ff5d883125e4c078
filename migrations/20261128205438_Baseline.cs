using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guest_form_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    secret = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guest_form_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "moderation_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    moderator_user_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tag_count_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    delta = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_count_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    is_canonical = table.Column<bool>(type: "boolean", nullable: false),
                    merger_id = table.Column<int>(type: "integer", nullable: true),
                    relationship_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    works_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.id);
                    table.ForeignKey(
                        name: "fk_tags_tags_merger_id",
                        column: x => x.merger_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    view_adult_content = table.Column<bool>(type: "boolean", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: "UTC"),
                    site_skin = table.Column<int>(type: "integer", nullable: false),
                    text_size = table.Column<int>(type: "integer", nullable: false),
                    reading_width = table.Column<int>(type: "integer", nullable: false),
                    hide_creator_styles = table.Column<bool>(type: "boolean", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_hits",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    visitor_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_hits", x => new { x.day, x.work_id, x.visitor_hash });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<int>(type: "integer", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description_source = table.Column<string>(type: "text", nullable: false),
                    description_html = table.Column<string>(type: "text", nullable: false),
                    header_image_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    is_moderated = table.Column<bool>(type: "boolean", nullable: false),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    is_unrevealed = table.Column<bool>(type: "boolean", nullable: false),
                    reveal_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collections", x => x.id);
                    table.ForeignKey(
                        name: "fk_collections_collections_parent_id",
                        column: x => x.parent_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collections_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tag_parents",
                columns: table => new
                {
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_parents", x => new { x.tag_id, x.parent_id });
                    table.ForeignKey(
                        name: "fk_tag_parents_tags_parent_id",
                        column: x => x.parent_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_tag_parents_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_exports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ready_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_exports", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_exports_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    role_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "blocked_tags",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocked_tags", x => new { x.user_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_blocked_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_blocked_tags_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "digests_sent",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digests_sent", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_digests_sent_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "history_opt_outs",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_opt_outs", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_history_opt_outs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "old_user_names",
                columns: table => new
                {
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_old_user_names", x => x.normalized_name);
                    table.ForeignKey(
                        name: "fk_old_user_names_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pseuds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pseuds", x => x.id);
                    table.ForeignKey(
                        name: "fk_pseuds_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    owner_user_id = table.Column<int>(type: "integer", nullable: false),
                    summary_source = table.Column<string>(type: "text", nullable: false),
                    summary_html = table.Column<string>(type: "text", nullable: false),
                    notes_source = table.Column<string>(type: "text", nullable: false),
                    notes_html = table.Column<string>(type: "text", nullable: false),
                    is_complete = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_series", x => x.id);
                    table.ForeignKey(
                        name: "fk_series_users_owner_user_id",
                        column: x => x.owner_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    target_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriptions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_blocks",
                columns: table => new
                {
                    blocker_id = table.Column<int>(type: "integer", nullable: false),
                    blocked_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_blocks", x => new { x.blocker_id, x.blocked_id });
                    table.ForeignKey(
                        name: "fk_user_blocks_asp_net_users_blocked_id",
                        column: x => x.blocked_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_blocks_asp_net_users_blocker_id",
                        column: x => x.blocker_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_mutes",
                columns: table => new
                {
                    muter_id = table.Column<int>(type: "integer", nullable: false),
                    muted_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_mutes", x => new { x.muter_id, x.muted_id });
                    table.ForeignKey(
                        name: "fk_user_mutes_users_muted_id",
                        column: x => x.muted_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_mutes_users_muter_id",
                        column: x => x.muter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "works",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    summary_source = table.Column<string>(type: "text", nullable: false),
                    summary_html = table.Column<string>(type: "text", nullable: false),
                    notes_source = table.Column<string>(type: "text", nullable: false),
                    notes_html = table.Column<string>(type: "text", nullable: false),
                    end_notes_source = table.Column<string>(type: "text", nullable: false),
                    end_notes_html = table.Column<string>(type: "text", nullable: false),
                    text_format = table.Column<int>(type: "integer", nullable: false),
                    sanitizer_version = table.Column<int>(type: "integer", nullable: false),
                    skin_css_source = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    skin_css = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    skin_css_version = table.Column<int>(type: "integer", nullable: false),
                    language = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    updated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expected_chapters = table.Column<int>(type: "integer", nullable: true),
                    chapter_count = table.Column<int>(type: "integer", nullable: false),
                    word_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment_permission = table.Column<int>(type: "integer", nullable: false),
                    screen_comments = table.Column<bool>(type: "boolean", nullable: false),
                    hidden_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    hidden_reason = table.Column<string>(type: "text", nullable: true),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    is_unrevealed = table.Column<bool>(type: "boolean", nullable: false),
                    is_restricted = table.Column<bool>(type: "boolean", nullable: false),
                    revealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    external_creators = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "ARRAY[]::text[]"),
                    archivist_user_id = table.Column<int>(type: "integer", nullable: true),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    originally_posted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    import_source = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    import_key = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    filter_tag_ids = table.Column<int[]>(type: "integer[]", nullable: false, defaultValueSql: "ARRAY[]::integer[]"),
                    fandom_count = table.Column<int>(type: "integer", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true),
                    creator_sort = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_works", x => x.id);
                    table.ForeignKey(
                        name: "fk_works_users_archivist_user_id",
                        column: x => x.archivist_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "challenges",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    sign_ups_open = table.Column<bool>(type: "boolean", nullable: false),
                    sign_ups_open_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sign_ups_close_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assignments_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requests_min = table.Column<int>(type: "integer", nullable: false),
                    requests_max = table.Column<int>(type: "integer", nullable: false),
                    offers_min = table.Column<int>(type: "integer", nullable: false),
                    offers_max = table.Column<int>(type: "integer", nullable: false),
                    fandoms_min = table.Column<int>(type: "integer", nullable: false),
                    fandoms_max = table.Column<int>(type: "integer", nullable: false),
                    characters_min = table.Column<int>(type: "integer", nullable: false),
                    characters_max = table.Column<int>(type: "integer", nullable: false),
                    relationships_min = table.Column<int>(type: "integer", nullable: false),
                    relationships_max = table.Column<int>(type: "integer", nullable: false),
                    match_fandoms = table.Column<int>(type: "integer", nullable: false),
                    match_characters = table.Column<int>(type: "integer", nullable: false),
                    match_relationships = table.Column<int>(type: "integer", nullable: false),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assignments_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_challenges", x => x.id);
                    table.ForeignKey(
                        name: "fk_challenges_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collection_maintainers",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_maintainers", x => new { x.collection_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_collection_maintainers_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_maintainers_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    notes_source = table.Column<string>(type: "text", nullable: false),
                    notes_html = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_private = table.Column<bool>(type: "boolean", nullable: false),
                    is_rec = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_bookmarks_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_bookmarks_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "chapters",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    summary_source = table.Column<string>(type: "text", nullable: false),
                    summary_html = table.Column<string>(type: "text", nullable: false),
                    notes_source = table.Column<string>(type: "text", nullable: false),
                    notes_html = table.Column<string>(type: "text", nullable: false),
                    end_notes_source = table.Column<string>(type: "text", nullable: false),
                    end_notes_html = table.Column<string>(type: "text", nullable: false),
                    body_source = table.Column<string>(type: "text", nullable: false),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    text_format = table.Column<int>(type: "integer", nullable: false),
                    sanitizer_version = table.Column<int>(type: "integer", nullable: false),
                    imported_part = table.Column<int>(type: "integer", nullable: true),
                    word_count = table.Column<int>(type: "integer", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chapters", x => x.id);
                    table.ForeignKey(
                        name: "fk_chapters_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collection_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    creator_approval = table.Column<int>(type: "integer", nullable: false),
                    collection_approval = table.Column<int>(type: "integer", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_items_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_items_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "downloads",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    work_revised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    site = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, defaultValue: "")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_downloads", x => new { x.work_id, x.format });
                    table.ForeignKey(
                        name: "fk_downloads_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "drafts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    form = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    post_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    problem = table.Column<string>(type: "text", nullable: true),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_drafts_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_drafts_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gifts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    pseud_id = table.Column<int>(type: "integer", nullable: true),
                    recipient_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gifts", x => x.id);
                    table.CheckConstraint("ck_gifts_recipient", "(pseud_id IS NULL) <> (recipient_name IS NULL)");
                    table.ForeignKey(
                        name: "fk_gifts_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_gifts_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kudos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    guest_address_hash = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kudos", x => x.id);
                    table.ForeignKey(
                        name: "fk_kudos_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_kudos_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "readings",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    last_visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visits = table.Column<int>(type: "integer", nullable: false),
                    marked_for_later = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readings", x => new { x.user_id, x.work_id });
                    table.ForeignKey(
                        name: "fk_readings_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_readings_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "related_works",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    author = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    parent_work_id = table.Column<int>(type: "integer", nullable: true),
                    approval = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related_works", x => x.id);
                    table.CheckConstraint("ck_related_works_url_http", "url IS NULL OR url ~* '^https?://'");
                    table.ForeignKey(
                        name: "fk_related_works_works_parent_work_id",
                        column: x => x.parent_work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_related_works_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series_parts",
                columns: table => new
                {
                    series_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_series_parts", x => new { x.series_id, x.work_id });
                    table.ForeignKey(
                        name: "fk_series_parts_series_series_id",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_series_parts_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_creators",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    pseud_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    is_accepted = table.Column<bool>(type: "boolean", nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_creators", x => new { x.work_id, x.pseud_id });
                    table.ForeignKey(
                        name: "fk_work_creators_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_work_creators_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_hit_days",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_hit_days", x => new { x.work_id, x.day });
                    table.ForeignKey(
                        name: "fk_work_hit_days_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_stats",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    kudos_count = table.Column<int>(type: "integer", nullable: false),
                    hits_count = table.Column<int>(type: "integer", nullable: false),
                    bookmarks_count = table.Column<int>(type: "integer", nullable: false),
                    filter_tag_ids = table.Column<int[]>(type: "integer[]", nullable: false, defaultValueSql: "ARRAY[]::integer[]")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_stats", x => x.work_id);
                    table.ForeignKey(
                        name: "fk_work_stats_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_tags",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_tags", x => new { x.work_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_work_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_work_tags_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "challenge_tags",
                columns: table => new
                {
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    is_approved = table.Column<bool>(type: "boolean", nullable: false),
                    nominated_by_user_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_challenge_tags", x => new { x.challenge_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_challenge_tags_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_challenge_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sign_ups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    pseud_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_sign_ups_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sign_ups_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sign_ups_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collection_bookmarks",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    bookmark_id = table.Column<int>(type: "integer", nullable: false),
                    is_approved = table.Column<bool>(type: "boolean", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_bookmarks", x => new { x.collection_id, x.bookmark_id });
                    table.ForeignKey(
                        name: "fk_collection_bookmarks_bookmarks_bookmark_id",
                        column: x => x.bookmark_id,
                        principalTable: "bookmarks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_bookmarks_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    chapter_id = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    depth = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    pseud_id = table.Column<int>(type: "integer", nullable: true),
                    guest_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    guest_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    subject = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    body_source = table.Column<string>(type: "text", nullable: false),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    text_format = table.Column<int>(type: "integer", nullable: false),
                    sanitizer_version = table.Column<int>(type: "integer", nullable: false),
                    is_screened = table.Column<bool>(type: "boolean", nullable: false),
                    is_deleted = table.Column<bool>(type: "boolean", nullable: false),
                    is_spam = table.Column<bool>(type: "boolean", nullable: false),
                    guest_address_hash = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_comments_chapters_chapter_id",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_comments_comments_parent_id",
                        column: x => x.parent_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_comments_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_comments_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_comments_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    recipient_sign_up_id = table.Column<int>(type: "integer", nullable: false),
                    writer_sign_up_id = table.Column<int>(type: "integer", nullable: true),
                    pinch_hitter_user_id = table.Column<int>(type: "integer", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    defaulted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    work_id = table.Column<int>(type: "integer", nullable: true),
                    fulfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_sign_ups_recipient_sign_up_id",
                        column: x => x.recipient_sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_sign_ups_writer_sign_up_id",
                        column: x => x.writer_sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_assignments_users_pinch_hitter_user_id",
                        column: x => x.pinch_hitter_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_assignments_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "prompts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sign_up_id = table.Column<int>(type: "integer", nullable: false),
                    challenge_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    tag_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prompts", x => x.id);
                    table.ForeignKey(
                        name: "fk_prompts_challenges_challenge_id",
                        column: x => x.challenge_id,
                        principalTable: "challenges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompts_sign_ups_sign_up_id",
                        column: x => x.sign_up_id,
                        principalTable: "sign_ups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_reads",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    comment_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comment_reads", x => new { x.user_id, x.comment_id });
                    table.ForeignKey(
                        name: "fk_comment_reads_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_comment_reads_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    comment_id = table.Column<int>(type: "integer", nullable: true),
                    reporter_user_id = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by_user_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_reports_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reports_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prompt_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prompt_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prompt_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_prompt_claims_prompts_prompt_id",
                        column: x => x.prompt_id,
                        principalTable: "prompts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompt_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prompt_claims_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_exports_status_requested_at",
                table: "account_exports",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_account_exports_user_id",
                table: "account_exports",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_challenge_id",
                table: "assignments",
                column: "challenge_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_pinch_hitter_user_id",
                table: "assignments",
                column: "pinch_hitter_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_recipient_sign_up_id",
                table: "assignments",
                column: "recipient_sign_up_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_work_id",
                table: "assignments",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_writer_sign_up_id",
                table: "assignments",
                column: "writer_sign_up_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_blocked_tags_tag_id",
                table: "blocked_tags",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_updated_at_id",
                table: "bookmarks",
                columns: new[] { "updated_at", "id" },
                descending: new bool[0],
                filter: "NOT is_private");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_user_id_work_id",
                table: "bookmarks",
                columns: new[] { "user_id", "work_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_work_id",
                table: "bookmarks",
                column: "work_id",
                filter: "NOT is_private");

            migrationBuilder.CreateIndex(
                name: "ix_challenge_tags_tag_id",
                table: "challenge_tags",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_challenges_collection_id",
                table: "challenges",
                column: "collection_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chapters_work_id_imported_part",
                table: "chapters",
                columns: new[] { "work_id", "imported_part" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chapters_work_id_position",
                table: "chapters",
                columns: new[] { "work_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_bookmarks_bookmark_id",
                table: "collection_bookmarks",
                column: "bookmark_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_items_collection_id_work_id",
                table: "collection_items",
                columns: new[] { "collection_id", "work_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_items_work_id",
                table: "collection_items",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_maintainers_user_id",
                table: "collection_maintainers",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_name",
                table: "collections",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collections_parent_id",
                table: "collections",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_reveal_at",
                table: "collections",
                column: "reveal_at",
                filter: "reveal_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_collections_tag_id",
                table: "collections",
                column: "tag_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_comment_reads_comment_id",
                table: "comment_reads",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_chapter_id_id",
                table: "comments",
                columns: new[] { "chapter_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_comments_guest_address_hash",
                table: "comments",
                column: "guest_address_hash");

            migrationBuilder.CreateIndex(
                name: "ix_comments_parent_id",
                table: "comments",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_pseud_id",
                table: "comments",
                column: "pseud_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_screened",
                table: "comments",
                column: "id",
                filter: "is_screened AND NOT is_deleted");

            migrationBuilder.CreateIndex(
                name: "ix_comments_user_id",
                table: "comments",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_work_id",
                table: "comments",
                column: "work_id",
                filter: "NOT is_screened AND NOT is_deleted");

            migrationBuilder.CreateIndex(
                name: "ix_drafts_post_at",
                table: "drafts",
                column: "post_at",
                filter: "post_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_drafts_user_id_updated_at",
                table: "drafts",
                columns: new[] { "user_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_drafts_work_id",
                table: "drafts",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_pseud_id",
                table: "gifts",
                column: "pseud_id");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_work_id_pseud_id",
                table: "gifts",
                columns: new[] { "work_id", "pseud_id" },
                unique: true,
                filter: "pseud_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_work_id_recipient_name",
                table: "gifts",
                columns: new[] { "work_id", "recipient_name" },
                unique: true,
                filter: "recipient_name IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_kudos_user_id",
                table: "kudos",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_kudos_work_id_guest_address_hash",
                table: "kudos",
                columns: new[] { "work_id", "guest_address_hash" },
                unique: true,
                filter: "user_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_kudos_work_id_user_id",
                table: "kudos",
                columns: new[] { "work_id", "user_id" },
                unique: true,
                filter: "user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_moderation_log_created_at",
                table: "moderation_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_old_user_names_user_id",
                table: "old_user_names",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_prompt_id_user_id",
                table: "prompt_claims",
                columns: new[] { "prompt_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_user_id",
                table: "prompt_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompt_claims_work_id",
                table: "prompt_claims",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_prompts_challenge_id_id",
                table: "prompts",
                columns: new[] { "challenge_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_prompts_sign_up_id",
                table: "prompts",
                column: "sign_up_id");

            migrationBuilder.CreateIndex(
                name: "ix_pseuds_normalized_name",
                table: "pseuds",
                column: "normalized_name");

            migrationBuilder.CreateIndex(
                name: "ix_pseuds_user_id_normalized_name",
                table: "pseuds",
                columns: new[] { "user_id", "normalized_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_readings_user_id_last_visited_at",
                table: "readings",
                columns: new[] { "user_id", "last_visited_at" });

            migrationBuilder.CreateIndex(
                name: "ix_readings_work_id",
                table: "readings",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_related_works_parent_work_id",
                table: "related_works",
                column: "parent_work_id");

            migrationBuilder.CreateIndex(
                name: "ix_related_works_work_id",
                table: "related_works",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_related_works_work_id_parent_work_id",
                table: "related_works",
                columns: new[] { "work_id", "parent_work_id" },
                unique: true,
                filter: "parent_work_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_comment_id",
                table: "reports",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_resolved_at",
                table: "reports",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "ix_reports_work_id",
                table: "reports",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_owner_user_id",
                table: "series",
                column: "owner_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_parts_series_id_position",
                table: "series_parts",
                columns: new[] { "series_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_series_parts_work_id",
                table: "series_parts",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_challenge_id_user_id",
                table: "sign_ups",
                columns: new[] { "challenge_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_pseud_id",
                table: "sign_ups",
                column: "pseud_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_ups_user_id",
                table: "sign_ups",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_kind_target_id",
                table: "subscriptions",
                columns: new[] { "kind", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_user_id_kind_target_id",
                table: "subscriptions",
                columns: new[] { "user_id", "kind", "target_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tag_count_changes_tag_id",
                table: "tag_count_changes",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_tag_parents_parent_id",
                table: "tag_parents",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_tags_merger_id",
                table: "tags",
                column: "merger_id");

            migrationBuilder.CreateIndex(
                name: "ix_tags_normalized_name",
                table: "tags",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tags_relationship_key",
                table: "tags",
                column: "relationship_key");

            migrationBuilder.CreateIndex(
                name: "ix_tags_suggestions",
                table: "tags",
                columns: new[] { "type", "is_canonical", "normalized_name" })
                .Annotation("Relational:Collation", new[] { null, null, "C" });

            migrationBuilder.CreateIndex(
                name: "ix_tags_type",
                table: "tags",
                column: "type");

            migrationBuilder.CreateIndex(
                name: "ix_tags_type_works_count",
                table: "tags",
                columns: new[] { "type", "works_count" });

            migrationBuilder.CreateIndex(
                name: "ix_user_blocks_blocked_id",
                table: "user_blocks",
                column: "blocked_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_mutes_muted_id",
                table: "user_mutes",
                column: "muted_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_creators_pseud_id_work_id",
                table: "work_creators",
                columns: new[] { "pseud_id", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_bookmarks",
                table: "work_stats",
                columns: new[] { "bookmarks_count", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_hits",
                table: "work_stats",
                columns: new[] { "hits_count", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_kudos",
                table: "work_stats",
                columns: new[] { "kudos_count", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_tags_tag_id_work_id",
                table: "work_tags",
                columns: new[] { "tag_id", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_works_archivist_user_id",
                table: "works",
                column: "archivist_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_works_creator_sort",
                table: "works",
                column: "creator_sort");

            migrationBuilder.CreateIndex(
                name: "ix_works_filter_tag_ids",
                table: "works",
                column: "filter_tag_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_works_import_key",
                table: "works",
                column: "import_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_works_posted",
                table: "works",
                columns: new[] { "published_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_works_revised_at",
                table: "works",
                column: "revised_at");

            migrationBuilder.CreateIndex(
                name: "ix_works_search_vector",
                table: "works",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_works_words",
                table: "works",
                columns: new[] { "word_count", "id" });

            // What EF's model can't describe, kept from the migrations before the first release.
            // Sorting by title compares lower-cased titles (WorkFilter.Order).
            migrationBuilder.Sql("CREATE INDEX ix_works_title ON works (lower(title), id);");

            // Statements written by hand (WorkTagging's tag insert, bulk loads) leave these to the database.
            migrationBuilder.Sql("""
                ALTER TABLE comments ALTER COLUMN is_spam SET DEFAULT false;
                ALTER TABLE related_works ALTER COLUMN approval SET DEFAULT 0;
                ALTER TABLE tags ALTER COLUMN is_canonical SET DEFAULT false;
                ALTER TABLE tags ALTER COLUMN works_count SET DEFAULT 0;
                ALTER TABLE users ALTER COLUMN hide_creator_styles SET DEFAULT false;
                ALTER TABLE users ALTER COLUMN reading_width SET DEFAULT 0;
                ALTER TABLE users ALTER COLUMN site_skin SET DEFAULT 0;
                ALTER TABLE users ALTER COLUMN text_size SET DEFAULT 0;
                ALTER TABLE users ALTER COLUMN view_adult_content SET DEFAULT false;
                ALTER TABLE works ALTER COLUMN comment_permission SET DEFAULT 0;
                ALTER TABLE works ALTER COLUMN creator_sort SET DEFAULT '';
                ALTER TABLE works ALTER COLUMN fandom_count SET DEFAULT 0;
                ALTER TABLE works ALTER COLUMN is_anonymous SET DEFAULT false;
                ALTER TABLE works ALTER COLUMN is_restricted SET DEFAULT false;
                ALTER TABLE works ALTER COLUMN is_unrevealed SET DEFAULT false;
                ALTER TABLE works ALTER COLUMN screen_comments SET DEFAULT false;
                ALTER TABLE works ALTER COLUMN skin_css_version SET DEFAULT 0;
                """);

            // The audit log is append-only for everyone, the app included.
            migrationBuilder.Sql("""
                CREATE FUNCTION moderation_log_is_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the moderation log cannot be changed or deleted'; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
                    FOR EACH ROW EXECUTE FUNCTION moderation_log_is_append_only();
                """);

            // Tags' counts (shown to guests too) count only works everyone may see; each change to a work's tags or visibility
            // queues its differences, which TagCounts folds in.
            migrationBuilder.Sql("""
                CREATE FUNCTION works_tag_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    before int[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND NOT OLD.is_unrevealed AND NOT OLD.is_restricted THEN OLD.filter_tag_ids ELSE '{}' END;
                    after int[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NOT NEW.is_unrevealed AND NOT NEW.is_restricted THEN NEW.filter_tag_ids ELSE '{}' END;
                BEGIN
                    -- Bulk loads (seed-demo) count once at the end instead.
                    IF before = after OR current_setting('archive.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO tag_count_changes (tag_id, delta)
                    SELECT gone.tag_id, -1 FROM unnest(before) AS gone(tag_id) WHERE NOT gone.tag_id = ANY(after)
                    UNION ALL
                    SELECT came.tag_id, 1 FROM unnest(after) AS came(tag_id) WHERE NOT came.tag_id = ANY(before);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER works_tag_count_changes AFTER INSERT OR DELETE OR UPDATE OF filter_tag_ids, hidden_at, is_unrevealed, is_restricted ON works
                    FOR EACH ROW EXECUTE FUNCTION works_tag_count_changes();
                """);

            // A work's stats row keeps a copy of its tags (listings sort by stats and filter by tags in one index): a new stats
            // row takes the work's tags, and a change to them is copied over, whatever changed them. Bulk loads write both themselves.
            migrationBuilder.Sql("""
                CREATE FUNCTION work_stats_take_tags() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('archive.bulk_load', true) IS DISTINCT FROM 'on' THEN
                        NEW.filter_tag_ids := COALESCE((SELECT filter_tag_ids FROM works WHERE id = NEW.work_id), ARRAY[]::integer[]);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER work_stats_take_tags BEFORE INSERT ON work_stats FOR EACH ROW EXECUTE FUNCTION work_stats_take_tags();
                CREATE FUNCTION works_copy_tags_to_stats() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE work_stats SET filter_tag_ids = NEW.filter_tag_ids WHERE work_id = NEW.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER works_copy_tags_to_stats AFTER UPDATE OF filter_tag_ids ON works
                    FOR EACH ROW WHEN (OLD.filter_tag_ids IS DISTINCT FROM NEW.filter_tag_ids) EXECUTE FUNCTION works_copy_tags_to_stats();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS works_copy_tags_to_stats() CASCADE;
                DROP FUNCTION IF EXISTS work_stats_take_tags() CASCADE;
                DROP FUNCTION IF EXISTS works_tag_count_changes() CASCADE;
                DROP FUNCTION IF EXISTS moderation_log_is_append_only() CASCADE;
                """);
            migrationBuilder.DropTable(
                name: "account_exports");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "blocked_tags");

            migrationBuilder.DropTable(
                name: "challenge_tags");

            migrationBuilder.DropTable(
                name: "collection_bookmarks");

            migrationBuilder.DropTable(
                name: "collection_items");

            migrationBuilder.DropTable(
                name: "collection_maintainers");

            migrationBuilder.DropTable(
                name: "comment_reads");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "digests_sent");

            migrationBuilder.DropTable(
                name: "downloads");

            migrationBuilder.DropTable(
                name: "drafts");

            migrationBuilder.DropTable(
                name: "gifts");

            migrationBuilder.DropTable(
                name: "guest_form_keys");

            migrationBuilder.DropTable(
                name: "history_opt_outs");

            migrationBuilder.DropTable(
                name: "kudos");

            migrationBuilder.DropTable(
                name: "moderation_log");

            migrationBuilder.DropTable(
                name: "old_user_names");

            migrationBuilder.DropTable(
                name: "prompt_claims");

            migrationBuilder.DropTable(
                name: "readings");

            migrationBuilder.DropTable(
                name: "related_works");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "series_parts");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "tag_count_changes");

            migrationBuilder.DropTable(
                name: "tag_parents");

            migrationBuilder.DropTable(
                name: "user_blocks");

            migrationBuilder.DropTable(
                name: "user_mutes");

            migrationBuilder.DropTable(
                name: "work_creators");

            migrationBuilder.DropTable(
                name: "work_hit_days");

            migrationBuilder.DropTable(
                name: "work_hits");

            migrationBuilder.DropTable(
                name: "work_stats");

            migrationBuilder.DropTable(
                name: "work_tags");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "prompts");

            migrationBuilder.DropTable(
                name: "comments");

            migrationBuilder.DropTable(
                name: "series");

            migrationBuilder.DropTable(
                name: "sign_ups");

            migrationBuilder.DropTable(
                name: "chapters");

            migrationBuilder.DropTable(
                name: "challenges");

            migrationBuilder.DropTable(
                name: "pseuds");

            migrationBuilder.DropTable(
                name: "works");

            migrationBuilder.DropTable(
                name: "collections");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "tags");
        }
    }
}
