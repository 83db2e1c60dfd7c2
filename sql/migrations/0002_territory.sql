-- Territories (a département runs one instance, split into territories) and communes with coordinates.

CREATE TABLE territories (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]+$'),
  name        text NOT NULL,
  departement text NOT NULL CHECK (departement ~ '^(\d{2}|2A|2B|\d{3})$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE communes (
  insee        text PRIMARY KEY CHECK (insee ~ '^(\d{5}|2A\d{3}|2B\d{3})$'),
  name         text NOT NULL,
  postal_code  text NOT NULL CHECK (postal_code ~ '^\d{5}$'),
  territory_id uuid NOT NULL REFERENCES territories (id),
  lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  population   int CHECK (population >= 0)
);
CREATE INDEX communes_territory_idx ON communes (territory_id);
CREATE INDEX communes_name_idx ON communes (lower(name) text_pattern_ops);

-- Great-circle distance in km (haversine, mean Earth radius 6371 km). IMMUTABLE so that the planner can
-- inline it; accurate to well under 0.5 % at the scale of a département.
CREATE FUNCTION distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371 * asin(sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2) +
    cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)
  ))
$$;
