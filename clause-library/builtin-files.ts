// Generated from clause-library/clauses/**; the builtin test fails when a file is missing here.
// Static imports (rather than a directory read) let vite bundle the built-in library for the browser.
import partiesAndMandates_TwoParty from './clauses/parties_and_mandates/two_party.json' with { type: 'json' }
import partiesAndMandates_MultiParty from './clauses/parties_and_mandates/multi_party.json' with { type: 'json' }
import partiesAndMandates_ReportBack from './clauses/parties_and_mandates/report_back.json' with { type: 'json' }
import societalChallenge_JointDescription from './clauses/societal_challenge/joint_description.json' with { type: 'json' }
import societalChallenge_WhyTogether from './clauses/societal_challenge/why_together.json' with { type: 'json' }
import purposeAndGoals_PurposeWithMeasurableGoals from './clauses/purpose_and_goals/purpose_with_measurable_goals.json' with { type: 'json' }
import purposeAndGoals_JointOwnership from './clauses/purpose_and_goals/joint_ownership.json' with { type: 'json' }
import activities_Table from './clauses/activities/table.json' with { type: 'json' }
import activities_AdjustWithinFrame from './clauses/activities/adjust_within_frame.json' with { type: 'json' }
import ownershipAndCosts_BookingPartyOwns from './clauses/ownership_and_costs/booking_party_owns.json' with { type: 'json' }
import ownershipAndCosts_SharedField from './clauses/ownership_and_costs/shared_field.json' with { type: 'json' }
import ownershipAndCosts_CoDelivered from './clauses/ownership_and_costs/co_delivered.json' with { type: 'json' }
import budgetAndResources_AnnualFrame from './clauses/budget_and_resources/annual_frame.json' with { type: 'json' }
import budgetAndResources_VolunteerTime from './clauses/budget_and_resources/volunteer_time.json' with { type: 'json' }
import budgetAndResources_UnusedFunds from './clauses/budget_and_resources/unused_funds.json' with { type: 'json' }
import governance_TwoLevel from './clauses/governance/two_level.json' with { type: 'json' }
import governance_AllAffectedUnits from './clauses/governance/all_affected_units.json' with { type: 'json' }
import governance_Escalation from './clauses/governance/escalation.json' with { type: 'json' }
import meetingCadence_DenseStart from './clauses/meeting_cadence/dense_start.json' with { type: 'json' }
import meetingCadence_PartnershipDay from './clauses/meeting_cadence/partnership_day.json' with { type: 'json' }
import learningGoals_SharedAndOwn from './clauses/learning_goals/shared_and_own.json' with { type: 'json' }
import learningGoals_StructuralChange from './clauses/learning_goals/structural_change.json' with { type: 'json' }
import followUpEvaluation_SemiannualJoint from './clauses/follow_up_evaluation/semiannual_joint.json' with { type: 'json' }
import followUpEvaluation_FinalEvaluation from './clauses/follow_up_evaluation/final_evaluation.json' with { type: 'json' }
import followUpEvaluation_External from './clauses/follow_up_evaluation/external.json' with { type: 'json' }
import targetGroupInvolvement_CouncilWithSeats from './clauses/target_group_involvement/council_with_seats.json' with { type: 'json' }
import targetGroupInvolvement_ConsultationRounds from './clauses/target_group_involvement/consultation_rounds.json' with { type: 'json' }
import riskAndCrunchQuestions_Register from './clauses/risk_and_crunch_questions/register.json' with { type: 'json' }
import riskAndCrunchQuestions_CrunchQuestions from './clauses/risk_and_crunch_questions/crunch_questions.json' with { type: 'json' }
import riskAndCrunchQuestions_ExternalChange from './clauses/risk_and_crunch_questions/external_change.json' with { type: 'json' }
import renegotiation_AnnualReview from './clauses/renegotiation/annual_review.json' with { type: 'json' }
import renegotiation_Triggered from './clauses/renegotiation/triggered.json' with { type: 'json' }
import renegotiation_MidtermChoice from './clauses/renegotiation/midterm_choice.json' with { type: 'json' }
import duration_FixedTerm from './clauses/duration/fixed_term.json' with { type: 'json' }
import duration_WithExtension from './clauses/duration/with_extension.json' with { type: 'json' }
import termination_GradualWinddown from './clauses/termination/gradual_winddown.json' with { type: 'json' }
import termination_MaterialBreach from './clauses/termination/material_breach.json' with { type: 'json' }
import termination_ChangedConditions from './clauses/termination/changed_conditions.json' with { type: 'json' }
import termination_SupplementCapacityAndCommitments from './clauses/termination/supplement_capacity_and_commitments.json' with { type: 'json' }
import legalBasis_WhyIop from './clauses/legal_basis/why_iop.json' with { type: 'json' }
import legalBasis_ProcurementAssessment from './clauses/legal_basis/procurement_assessment.json' with { type: 'json' }
import legalBasis_StateAid from './clauses/legal_basis/state_aid.json' with { type: 'json' }
import disputeResolution_Escalation from './clauses/dispute_resolution/escalation.json' with { type: 'json' }
import disputeResolution_Mediation from './clauses/dispute_resolution/mediation.json' with { type: 'json' }
import personalData_SeparateControllers from './clauses/personal_data/separate_controllers.json' with { type: 'json' }
import personalData_SharedProcessing from './clauses/personal_data/shared_processing.json' with { type: 'json' }
import signatures_Paper from './clauses/signatures/paper.json' with { type: 'json' }
import signatures_Electronic from './clauses/signatures/electronic.json' with { type: 'json' }

export const BUILTIN_CLAUSE_FILES: ReadonlyArray<{ file: string; data: unknown }> = [
  { file: 'parties_and_mandates/two_party.json', data: partiesAndMandates_TwoParty },
  { file: 'parties_and_mandates/multi_party.json', data: partiesAndMandates_MultiParty },
  { file: 'parties_and_mandates/report_back.json', data: partiesAndMandates_ReportBack },
  { file: 'societal_challenge/joint_description.json', data: societalChallenge_JointDescription },
  { file: 'societal_challenge/why_together.json', data: societalChallenge_WhyTogether },
  { file: 'purpose_and_goals/purpose_with_measurable_goals.json', data: purposeAndGoals_PurposeWithMeasurableGoals },
  { file: 'purpose_and_goals/joint_ownership.json', data: purposeAndGoals_JointOwnership },
  { file: 'activities/table.json', data: activities_Table },
  { file: 'activities/adjust_within_frame.json', data: activities_AdjustWithinFrame },
  { file: 'ownership_and_costs/booking_party_owns.json', data: ownershipAndCosts_BookingPartyOwns },
  { file: 'ownership_and_costs/shared_field.json', data: ownershipAndCosts_SharedField },
  { file: 'ownership_and_costs/co_delivered.json', data: ownershipAndCosts_CoDelivered },
  { file: 'budget_and_resources/annual_frame.json', data: budgetAndResources_AnnualFrame },
  { file: 'budget_and_resources/volunteer_time.json', data: budgetAndResources_VolunteerTime },
  { file: 'budget_and_resources/unused_funds.json', data: budgetAndResources_UnusedFunds },
  { file: 'governance/two_level.json', data: governance_TwoLevel },
  { file: 'governance/all_affected_units.json', data: governance_AllAffectedUnits },
  { file: 'governance/escalation.json', data: governance_Escalation },
  { file: 'meeting_cadence/dense_start.json', data: meetingCadence_DenseStart },
  { file: 'meeting_cadence/partnership_day.json', data: meetingCadence_PartnershipDay },
  { file: 'learning_goals/shared_and_own.json', data: learningGoals_SharedAndOwn },
  { file: 'learning_goals/structural_change.json', data: learningGoals_StructuralChange },
  { file: 'follow_up_evaluation/semiannual_joint.json', data: followUpEvaluation_SemiannualJoint },
  { file: 'follow_up_evaluation/final_evaluation.json', data: followUpEvaluation_FinalEvaluation },
  { file: 'follow_up_evaluation/external.json', data: followUpEvaluation_External },
  { file: 'target_group_involvement/council_with_seats.json', data: targetGroupInvolvement_CouncilWithSeats },
  { file: 'target_group_involvement/consultation_rounds.json', data: targetGroupInvolvement_ConsultationRounds },
  { file: 'risk_and_crunch_questions/register.json', data: riskAndCrunchQuestions_Register },
  { file: 'risk_and_crunch_questions/crunch_questions.json', data: riskAndCrunchQuestions_CrunchQuestions },
  { file: 'risk_and_crunch_questions/external_change.json', data: riskAndCrunchQuestions_ExternalChange },
  { file: 'renegotiation/annual_review.json', data: renegotiation_AnnualReview },
  { file: 'renegotiation/triggered.json', data: renegotiation_Triggered },
  { file: 'renegotiation/midterm_choice.json', data: renegotiation_MidtermChoice },
  { file: 'duration/fixed_term.json', data: duration_FixedTerm },
  { file: 'duration/with_extension.json', data: duration_WithExtension },
  { file: 'termination/gradual_winddown.json', data: termination_GradualWinddown },
  { file: 'termination/material_breach.json', data: termination_MaterialBreach },
  { file: 'termination/changed_conditions.json', data: termination_ChangedConditions },
  { file: 'termination/supplement_capacity_and_commitments.json', data: termination_SupplementCapacityAndCommitments },
  { file: 'legal_basis/why_iop.json', data: legalBasis_WhyIop },
  { file: 'legal_basis/procurement_assessment.json', data: legalBasis_ProcurementAssessment },
  { file: 'legal_basis/state_aid.json', data: legalBasis_StateAid },
  { file: 'dispute_resolution/escalation.json', data: disputeResolution_Escalation },
  { file: 'dispute_resolution/mediation.json', data: disputeResolution_Mediation },
  { file: 'personal_data/separate_controllers.json', data: personalData_SeparateControllers },
  { file: 'personal_data/shared_processing.json', data: personalData_SharedProcessing },
  { file: 'signatures/paper.json', data: signatures_Paper },
  { file: 'signatures/electronic.json', data: signatures_Electronic },
]
