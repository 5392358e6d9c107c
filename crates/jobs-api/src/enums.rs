//! The API's enumerations, with the labels the DigiCert ONE console uses for them.

use crate::open_enum::open_enum;

open_enum! {
    /// What a job does.
    JobType {
        BatchDeviceRegistration => "BATCH_DEVICE_REGISTRATION", "job_type.batch_device_registration";
        BatchCertificateIssuance => "BATCH_CERTIFICATE_ISSUANCE", "job_type.batch_certificate_issuance";
        Deployment => "DEPLOYMENT", "job_type.deployment";
        ImportCertificates => "IMPORT_CERTIFICATES", "job_type.import_certificates";
    }
}

open_enum! {
    /// The job's status ("Job state" on the details page).
    JobStatus {
        Pending => "PENDING", "job_status.pending";
        InProgress => "IN_PROGRESS", "job_status.in_progress";
        Executed => "EXECUTED", "job_status.executed";
        Terminated => "TERMINATED", "job_status.terminated";
        PendingApproval => "PENDING_APPROVAL", "job_status.pending_approval";
        Completed => "COMPLETED", "job_status.completed";
        Rejected => "REJECTED", "job_status.rejected";
        Failed => "FAILED", "job_status.failed";
        PendingRejection => "PENDING_REJECTION", "job_status.pending_rejection";
        RejectionInProgress => "REJECTION_IN_PROGRESS", "job_status.rejection_in_progress";
    }
}

open_enum! {
    /// The sub-state shown in the Jobs tables' "Job state" column.
    JobState {
        Scheduled => "SCHEDULED", "job_state.scheduled";
        Active => "ACTIVE", "job_state.active";
        Completed => "COMPLETED", "job_state.completed";
        Aborted => "ABORTED", "job_state.aborted";
        Success => "SUCCESS", "job_state.success";
        Failed => "FAILED", "job_state.failed";
    }
}

open_enum! {
    /// The IoT Trust Manager status of a batch enrollment job.
    BatchStatus {
        PendingApproval => "PENDING_APPROVAL", "batch_status.pending_approval";
        Approved => "APPROVED", "batch_status.approved";
        InProgress => "IN_PROGRESS", "batch_status.in_progress";
        // DigiCert's documented certificate-import job ends `COMPLETED`.
        Complete => "COMPLETE" or "COMPLETED", "batch_status.complete";
        Rejected => "REJECTED", "batch_status.rejected";
        Failed => "FAILED", "batch_status.failed";
        PendingRejection => "PENDING_REJECTION", "batch_status.pending_rejection";
        RejectionInProgress => "REJECTION_IN_PROGRESS", "batch_status.rejection_in_progress";
    }
}

open_enum! {
    /// The kind of certificate a batch job issues.
    CertificateType {
        Bootstrap => "BOOTSTRAP", "certificate_type.bootstrap";
        Operational => "OPERATIONAL", "certificate_type.operational";
    }
}

open_enum! {
    /// The file format of a batch enrollment job's certificates.
    CertificateFormat {
        Pem => "pem", "certificate_format.pem";
        Der => "der", "certificate_format.der";
        Json => "json", "certificate_format.json";
        Smpb => "smpb", "certificate_format.smpb";
    }
}

open_enum! {
    /// The lifecycle status of one issued certificate.
    CertificateStatus {
        Issued => "ISSUED", "certificate_status.issued";
        Revoked => "REVOKED", "certificate_status.revoked";
        Expired => "EXPIRED", "certificate_status.expired";
    }
}

open_enum! {
    /// What a job log entry records.
    LogAction {
        CertificateDownload => "CERTIFICATE_DOWNLOAD", "log_action.certificate_download";
        ConfigurationDownload => "CONFIGURATION_DOWNLOAD", "log_action.configuration_download";
    }
}

open_enum! {
    /// What an entry of a job's activity records.
    ActivityAction {
        Requested => "REQUESTED", "activity_action.requested";
        Approved => "APPROVED", "activity_action.approved";
        Rejected => "REJECTED", "activity_action.rejected";
        Started => "STARTED", "activity_action.started";
        Completed => "COMPLETED", "activity_action.completed";
        Failed => "FAILED", "activity_action.failed";
        CertificateDownload => "CERTIFICATE_DOWNLOAD", "activity_action.certificate_download";
        ConfigurationDownload => "CONFIGURATION_DOWNLOAD", "activity_action.configuration_download";
    }
}

open_enum! {
    /// Where a download in the job log came from.
    DownloadSource {
        DigicertOne => "DIGICERT_ONE", "download_source.digicert_one";
        Api => "API", "download_source.api";
    }
}

open_enum! {
    /// What a job download returns.
    DownloadKind {
        Certificate => "certificate", "download_kind.certificate";
        Configuration => "configuration", "download_kind.configuration";
    }
}

impl CertificateType {
    /// The one-line meaning DigiCert gives each certificate type.
    pub fn meaning(&self) -> Option<&'static str> {
        match self {
            Self::Bootstrap => Some(crate::t!("certificate_type.bootstrap.meaning")),
            Self::Operational => Some(crate::t!("certificate_type.operational.meaning")),
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
