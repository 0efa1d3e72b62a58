// Generated from the backend OpenAPI document by `npm run api:generate`. Do not edit by hand.
// The API's own limits on what a form may send, so a form says what the API would refuse before sending it.
export const limits = {
  "ApiKeyIn": {
    "name": {
      "minLength": 1,
      "maxLength": 100
    }
  },
  "ApplicationIn": {
    "cover_letter": {
      "minLength": 1,
      "maxLength": 10000
    }
  },
  "ApplicationPatch": {
    "cover_letter": {
      "minLength": 1,
      "maxLength": 10000
    },
    "rejection_reason": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "BulkIn": {
    "ids": {
      "minItems": 1,
      "maxItems": 500
    },
    "reason": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "CompanyIn": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "contact_phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "industry": {
      "minLength": 1,
      "maxLength": 100
    },
    "inn": {
      "minLength": 1,
      "maxLength": 12
    },
    "name": {
      "minLength": 1,
      "maxLength": 300
    },
    "website": {
      "minLength": 1,
      "maxLength": 2083
    }
  },
  "CompanyPatch": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "contact_phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "industry": {
      "minLength": 1,
      "maxLength": 100
    },
    "inn": {
      "minLength": 1,
      "maxLength": 12
    },
    "name": {
      "minLength": 1,
      "maxLength": 300
    },
    "website": {
      "minLength": 1,
      "maxLength": 2083
    }
  },
  "DecisionIn": {
    "accept_student_ids": {
      "maxItems": 1000
    }
  },
  "LoginIn": {
    "password": {
      "minLength": 1,
      "maxLength": 200
    },
    "workspace": {
      "maxLength": 100
    }
  },
  "OpeningIn": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "description": {
      "minLength": 0,
      "maxLength": 20000
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "slots": {
      "minimum": 0,
      "maximum": 10000
    },
    "title": {
      "minLength": 1,
      "maxLength": 300
    }
  },
  "OpeningPatch": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "description": {
      "minLength": 0,
      "maxLength": 20000
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "slots": {
      "minimum": 0,
      "maximum": 10000
    },
    "title": {
      "minLength": 1,
      "maxLength": 300
    }
  },
  "PartnershipIn": {
    "agreement_number": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "PartnershipPatch": {
    "agreement_number": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "PersonIn": {
    "course": {
      "minimum": 1,
      "maximum": 6
    },
    "cover_letter": {
      "minLength": 1,
      "maxLength": 10000
    },
    "full_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "specialty": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "PlacementRequestIn": {
    "comment": {
      "minLength": 1,
      "maxLength": 5000
    },
    "places": {
      "minimum": 1,
      "maximum": 1000
    },
    "specialty": {
      "minLength": 1,
      "maxLength": 200
    },
    "student_ids": {
      "minItems": 1,
      "maxItems": 1000
    }
  },
  "PublicApplicationForm": {
    "consent_version": {
      "minLength": 1,
      "maxLength": 32
    },
    "course": {
      "minimum": 1,
      "maximum": 6
    },
    "cover_letter": {
      "minLength": 1,
      "maxLength": 10000
    },
    "full_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "specialty": {
      "minLength": 1,
      "maxLength": 200
    },
    "university": {
      "minLength": 1,
      "maxLength": 300
    }
  },
  "RuleIn": {
    "name": {
      "minLength": 1,
      "maxLength": 200
    },
    "position": {
      "minimum": 1,
      "maximum": 1000000
    }
  },
  "RulePatch": {
    "name": {
      "minLength": 1,
      "maxLength": 200
    },
    "position": {
      "minimum": 1,
      "maximum": 1000000
    }
  },
  "ScheduleIn": {
    "cron": {
      "minLength": 1,
      "maxLength": 100
    },
    "name": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "SchedulePatch": {
    "name": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "StudentIn": {
    "consent_version": {
      "minLength": 1,
      "maxLength": 32
    },
    "course": {
      "minimum": 1,
      "maximum": 6
    },
    "full_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "specialty": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "StudentPatch": {
    "consent_version": {
      "minLength": 1,
      "maxLength": 32
    },
    "course": {
      "minimum": 1,
      "maximum": 6
    },
    "full_name": {
      "minLength": 1,
      "maxLength": 200
    },
    "phone": {
      "minLength": 1,
      "maxLength": 32
    },
    "skills": {
      "maxItems": 50,
      "itemMinLength": 1,
      "itemMaxLength": 50
    },
    "specialty": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "TeamIn": {
    "member_ids": {
      "minItems": 1,
      "maxItems": 100
    },
    "name": {
      "minLength": 1,
      "maxLength": 100
    }
  },
  "TeamPatch": {
    "member_ids": {
      "minItems": 1,
      "maxItems": 100
    },
    "name": {
      "minLength": 1,
      "maxLength": 100
    }
  },
  "UniversityBatchIn": {
    "students": {
      "minItems": 1,
      "maxItems": 500
    }
  },
  "UniversityIn": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "name": {
      "minLength": 1,
      "maxLength": 300
    },
    "short_name": {
      "minLength": 1,
      "maxLength": 50
    }
  },
  "UniversityPatch": {
    "city": {
      "minLength": 1,
      "maxLength": 100
    },
    "name": {
      "minLength": 1,
      "maxLength": 300
    },
    "short_name": {
      "minLength": 1,
      "maxLength": 50
    }
  },
  "UserIn": {
    "full_name": {
      "minLength": 0,
      "maxLength": 200
    },
    "password": {
      "minLength": 10,
      "maxLength": 200
    }
  },
  "UserPatch": {
    "full_name": {
      "minLength": 0,
      "maxLength": 200
    },
    "password": {
      "minLength": 10,
      "maxLength": 200
    }
  },
  "WorkspacePatch": {
    "name": {
      "minLength": 1,
      "maxLength": 200
    }
  }
} as const
