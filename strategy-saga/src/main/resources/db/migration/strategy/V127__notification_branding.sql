-- The brand an admin set on the platform's settings (BrandingChanged, kept by the notifications processor): e-mails
-- carry the product name as the sender's display name and end with the legal footer and the support address. One
-- row; product_name null: the default brand.
create table notification_branding (
    singleton     boolean primary key default true check (singleton),
    product_name  text,
    support_email text,
    legal_footer  text
);
insert into notification_branding (singleton) values (true);
