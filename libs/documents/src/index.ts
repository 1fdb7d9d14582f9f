export * from './document-facts';
export * from './document-issuer';
export * from './document-activities';
export * from './document-templates';
export * from './docx-document.renderer';
export * from './issue-and-record-step';
