-- The brand the platform carries (white label), served without login (GET /api/branding, /api/branding/logo):
-- kept by PlatformStatusProjection from BrandingChanged and BrandingLogoChanged. One row; null columns: the default
-- brand (Branding.defaults()) and no logo.
create table branding_view (
    singleton          boolean primary key default true check (singleton),
    product_name       text,
    primary_color      varchar(7),
    support_email      text,
    legal_footer       text,
    logo               bytea,
    logo_content_type  varchar(32),
    logo_sha256        varchar(64),
    updated_at         timestamptz
);
insert into branding_view (singleton) values (true);
