/// The version every program reports and stamps into the files it writes.
public let flowscopeVersion = "0.1.0"
