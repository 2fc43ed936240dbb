create table orders (id varchar(40) not null, attempt int not null);
