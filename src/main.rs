fn main() { jobs_console::placeholder() }
