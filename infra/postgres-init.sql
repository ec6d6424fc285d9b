-- One database per service (DESIGN.md: each service owns its data).
CREATE DATABASE sales;
CREATE DATABASE planning;
CREATE DATABASE procurement;
CREATE DATABASE quality;
CREATE DATABASE logistics;
CREATE DATABASE aftersales;
