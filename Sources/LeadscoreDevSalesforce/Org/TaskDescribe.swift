/// The built-in describe of `Task`, Salesforce's standard activity object, used when the org directory
/// brings no describe of its own for it: a sync creates follow-up Tasks for the leads it routes.
///
/// Fields and types follow the Object Reference ("Task"): `WhoId` is a polymorphic reference to a Lead
/// or a Contact (relationship `Who`), `Subject` a combobox, `ActivityDate` the due day, `Status` and
/// `Priority` required picklists with the defaults a new org has ("Not Started", "Normal"), `Description`
/// a 32,000-character text area. The key prefix is `00T`, as in every org.
enum TaskDescribe {
    static let statuses = ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"]
    static let priorities = ["High", "Normal", "Low"]

    static func make() throws -> ObjectDescribe {
        let fields: [DescribeField] = [
            DescribeField.id(label: "Activity ID"),
            DescribeField(name: "WhoId", label: "Name ID", type: "reference", length: 18, referenceTo: ["Contact", "Lead"],
                          relationshipName: "Who"),
            DescribeField(name: "Subject", label: "Subject", type: "combobox", length: 255),
            DescribeField(name: "ActivityDate", label: "Due Date Only", type: "date"),
            DescribeField(name: "Status", label: "Status", type: "picklist", length: 255, nillable: false, defaultedOnCreate: true,
                          picklist: picklist(statuses, default: "Not Started")),
            DescribeField(name: "Priority", label: "Priority", type: "picklist", length: 255, nillable: false,
                          defaultedOnCreate: true, picklist: picklist(priorities, default: "Normal")),
            DescribeField.owner(),
            DescribeField(name: "Description", label: "Description", type: "textarea", length: 32_000),
            DescribeField(name: "IsReminderSet", label: "Reminder Set", type: "boolean", nillable: false, checkboxDefault: false),
            DescribeField(name: "ReminderDateTime", label: "Reminder Date/Time", type: "datetime"),
            DescribeField.isDeleted(),
        ] + DescribeField.auditFields()
        let object = DescribeDocument.Object(name: "Task", label: "Task", labelPlural: "Tasks", keyPrefix: "00T", custom: false)
        return try DescribeDocument.make(object, fields: fields, source: "built-in Task describe")
    }

    private static func picklist(_ values: [String], default chosen: String) -> [DescribeField.PicklistEntry] {
        values.map { DescribeField.PicklistEntry(value: $0, label: $0, isDefault: $0 == chosen) }
    }
}
