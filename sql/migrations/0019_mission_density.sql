-- How many open on-site missions each tile of the map holds (0.05° of latitude by 0.05° of longitude, about 5.5 by
-- 3.7 km in Alsace), counted when the cells are rebuilt (core/matching/cells.ts). The near branch asks it whether a
-- radius holds enough missions to scan only the nearest cells, instead of counting the missions of the radius's box
-- on every query (core/matching/candidates.sql.ts, selectProbeCells). Empty without cells: nothing to decide.
CREATE TABLE mission_density (
  tile_lat  integer NOT NULL,
  tile_lon  integer NOT NULL,
  missions  integer NOT NULL,
  PRIMARY KEY (tile_lat, tile_lon)
);
