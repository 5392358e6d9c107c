//! The API's enumerations, with the labels the DigiCert ONE console uses for them.

use crate::open_enum::open_enum;

open_enum! {
    /// What a job does.
    JobType {
        BatchDeviceRegistration => "BATCH_DEVICE_REGISTRATION", "Batch device registration";
        BatchCertificateIssuance => "BATCH_CERTIFICATE_ISSUANCE", "Batch certificate issuance";
        Deployment => "DEPLOYMENT", "Deployments";
        ImportCertificates => "IMPORT_CERTIFICATES", "Import certificates";
    }
}

open_enum! {
    /// The job's status ("Job state" on the details page).
    JobStatus {
        Pending => "PENDING", "Pending";
        InProgress => "IN_PROGRESS", "In progress";
        Executed => "EXECUTED", "Executed";
        Terminated => "TERMINATED", "Terminated";
        PendingApproval => "PENDING_APPROVAL", "Pending approval";
        Completed => "COMPLETED", "Completed";
        Rejected => "REJECTED", "Rejected";
        Failed => "FAILED", "Failed";
        PendingRejection => "PENDING_REJECTION", "Pending rejection";
        RejectionInProgress => "REJECTION_IN_PROGRESS", "Rejection in progress";
    }
}

open_enum! {
    /// The sub-state shown in the Jobs tables' "Job state" column.
    JobState {
        Scheduled => "SCHEDULED", "Scheduled";
        Active => "ACTIVE", "Active";
        Completed => "COMPLETED", "Completed";
        Aborted => "ABORTED", "Aborted";
        Success => "SUCCESS", "Success";
        Failed => "FAILED", "Failed";
    }
}

open_enum! {
    /// The IoT Trust Manager status of a batch enrollment job.
    BatchStatus {
        PendingApproval => "PENDING_APPROVAL", "Awaiting approval";
        Approved => "APPROVED", "Approved";
        InProgress => "IN_PROGRESS", "In progress";
        // DigiCert's documented certificate-import job ends `COMPLETED`.
        Complete => "COMPLETE" or "COMPLETED", "Complete";
        Rejected => "REJECTED", "Rejected";
        Failed => "FAILED", "Failed";
        PendingRejection => "PENDING_REJECTION", "Pending rejection";
        RejectionInProgress => "REJECTION_IN_PROGRESS", "Rejection in progress";
    }
}

open_enum! {
    /// The kind of certificate a batch job issues.
    CertificateType {
        Bootstrap => "BOOTSTRAP", "Bootstrap";
        Operational => "OPERATIONAL", "Operational";
    }
}

open_enum! {
    /// The file format of a batch enrollment job's certificates.
    CertificateFormat {
        Pem => "pem", "PEM";
        Der => "der", "DER";
        Json => "json", "JSON";
        Smpb => "smpb", "SMPB";
    }
}

open_enum! {
    /// The lifecycle status of one issued certificate.
    CertificateStatus {
        Issued => "ISSUED", "Issued";
        Revoked => "REVOKED", "Revoked";
        Expired => "EXPIRED", "Expired";
    }
}

open_enum! {
    /// What a job log entry records.
    LogAction {
        CertificateDownload => "CERTIFICATE_DOWNLOAD", "Certificate download";
        ConfigurationDownload => "CONFIGURATION_DOWNLOAD", "Configuration download";
    }
}

open_enum! {
    /// What an entry of a job's activity records.
    ActivityAction {
        Requested => "REQUESTED", "Requested";
        Approved => "APPROVED", "Approved";
        Rejected => "REJECTED", "Rejected";
        Started => "STARTED", "Started";
        Completed => "COMPLETED", "Completed";
        Failed => "FAILED", "Failed";
        CertificateDownload => "CERTIFICATE_DOWNLOAD", "Certificates downloaded";
        ConfigurationDownload => "CONFIGURATION_DOWNLOAD", "Configurations downloaded";
    }
}

open_enum! {
    /// Where a download in the job log came from.
    DownloadSource {
        DigicertOne => "DIGICERT_ONE", "DigiCert ONE";
        Api => "API", "API";
    }
}

open_enum! {
    /// What a job download returns.
    DownloadKind {
        Certificate => "certificate", "Certificates";
        Configuration => "configuration", "Configurations";
    }
}

impl CertificateType {
    /// The one-line meaning DigiCert gives each certificate type.
    pub fn meaning(&self) -> Option<&'static str> {
        match self {
            Self::Bootstrap => Some("Onboards and authenticates new devices onto a network."),
            Self::Operational => Some("Secures and authenticates devices already on a network."),
            Self::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_decode_and_round_trip_verbatim() {
        let status: JobStatus = crate::lenient::from_json_text("\"PAUSED_FOR_MAINTENANCE\"").unwrap();
        assert_eq!(status, JobStatus::Unknown("PAUSED_FOR_MAINTENANCE".into()));
        assert_eq!(status.label(), "PAUSED_FOR_MAINTENANCE");
        assert_eq!(serde_json::to_string(&status).unwrap(), "\"PAUSED_FOR_MAINTENANCE\"");
        assert!(!status.is_known());
    }

    #[test]
    fn known_values_use_the_documented_labels() {
        assert_eq!(JobType::from_wire("DEPLOYMENT").label(), "Deployments");
        assert_eq!(JobStatus::from_wire("IN_PROGRESS").label(), "In progress");
        assert_eq!(JobState::from_wire("SCHEDULED"), JobState::Scheduled);
        assert_eq!(CertificateFormat::from_wire("der").label(), "DER");
        for kind in JobType::KNOWN {
            assert_eq!(&JobType::from_wire(kind.as_wire()), kind);
        }
    }

    #[test]
    fn known_values_are_read_in_any_case() {
        assert_eq!(crate::lenient::from_json_text::<BatchStatus>("\"complete\"").unwrap(), BatchStatus::Complete);
        assert_eq!(BatchStatus::from_wire("Pending_Approval"), BatchStatus::PendingApproval);
        assert_eq!(BatchStatus::from_wire("COMPLETED"), BatchStatus::Complete);
        assert_eq!(BatchStatus::from_wire("completed"), BatchStatus::Complete);
        assert_eq!(BatchStatus::Complete.as_wire(), "COMPLETE");
        assert_eq!(CertificateFormat::from_wire("PEM"), CertificateFormat::Pem);
        assert_eq!(JobStatus::from_wire("in_progress").as_wire(), "IN_PROGRESS", "sent back as the contract writes it");
        assert_eq!(JobStatus::from_wire("Paused"), JobStatus::Unknown("Paused".into()), "an unknown value keeps its case");
    }

    #[test]
    fn certificate_types_explain_themselves() {
        assert!(CertificateType::Bootstrap.meaning().unwrap().contains("new devices"));
        assert!(CertificateType::Operational.meaning().unwrap().contains("already on a network"));
        assert_eq!(CertificateType::from_wire("ROOT").meaning(), None);
    }
}
