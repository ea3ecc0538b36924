// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {
    TimelockControllerUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {CommunityFactory} from "../../contracts/factory/CommunityFactory.sol";
import {ICommunityFactory} from "../../contracts/interfaces/ICommunityFactory.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {ILiquidDelegation} from "../../contracts/interfaces/ILiquidDelegation.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {CommunityConfig} from "../../contracts/types/GovernanceTypes.sol";

/// @notice The factory: one transaction creates a governor proxy and a timelock clone with roles wired, both
///         initialised once and for all.
contract CommunityFactoryTest is CommunityFixture {
    bytes32 internal constant DEFAULT_ADMIN_ROLE = 0x00;
    bytes32 internal constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    bytes32 internal constant EXECUTOR_ROLE = keccak256("EXECUTOR_ROLE");
    bytes32 internal constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");
    bytes32 internal constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    address internal creator = _member("creator");
    address internal registrar = _member("registrar");
    address internal bootstrap = _member("bootstrap");

    ICommunityFactory internal factory;

    function setUp() public override {
        super.setUp();
        factory = ICommunityFactory(core.factory);
    }

    // ---------------------------------------------------------------- createCommunity

    function test_createCommunity_emitsEveryAddress() public {
        uint64 nonce = vm.getNonce(address(factory));
        // The timelock clone is created first, then the proxy.
        address expectedTimelock = vm.computeCreateAddress(address(factory), nonce);
        address expectedCommunity = vm.computeCreateAddress(address(factory), nonce + 1);
        ICommunityFactory.CommunityParams memory params = _params(registrar, bootstrap);
        vm.expectEmit(address(factory));
        emit ICommunityFactory.CommunityCreated(
            expectedCommunity,
            expectedTimelock,
            creator,
            core.governorImplementation,
            registrar,
            bootstrap
        );
        vm.prank(creator);
        (address community, address timelock_) = factory.createCommunity(params);
        assertEq(community, expectedCommunity);
        assertEq(timelock_, expectedTimelock);
        assertEq(ILiquidGovernor(community).timelock(), timelock_);
    }

    function test_createCommunity_wiresGovernorRoles() public {
        ICommunityFactory.CommunityParams memory params = _params(registrar, bootstrap);
        vm.prank(creator);
        (address community, address timelock_) = factory.createCommunity(params);
        ILiquidGovernor governor = ILiquidGovernor(community);

        assertTrue(governor.hasRole(DEFAULT_ADMIN_ROLE, timelock_), "timelock governs");
        assertTrue(governor.hasRole(DEFAULT_ADMIN_ROLE, bootstrap), "bootstrap admin governs");
        assertTrue(governor.hasRole(REGISTRAR_ROLE, registrar));
        assertEq(governor.REGISTRAR_ROLE(), REGISTRAR_ROLE);
        assertFalse(governor.hasRole(DEFAULT_ADMIN_ROLE, registrar));
        assertFalse(governor.hasRole(REGISTRAR_ROLE, bootstrap));
        assertFalse(governor.hasRole(REGISTRAR_ROLE, timelock_));
        address[3] memory nobodies = [creator, address(factory), address(this)];
        for (uint256 i; i < nobodies.length; ++i) {
            assertFalse(governor.hasRole(DEFAULT_ADMIN_ROLE, nobodies[i]));
            assertFalse(governor.hasRole(REGISTRAR_ROLE, nobodies[i]));
        }

        // The roles work: the registrar adds members, the bootstrap admin changes settings.
        vm.prank(registrar);
        governor.addMember(creator, 3);
        assertEq(governor.weightOf(creator), 3);
        vm.prank(bootstrap);
        governor.setQuorum(100);
        assertEq(governor.quorumBps(), 100);
    }

    function test_createCommunity_wiresTimelockRoles() public {
        ICommunityFactory.CommunityParams memory params = _params(registrar, bootstrap);
        vm.prank(creator);
        (address community, address timelock_) = factory.createCommunity(params);
        TimelockController tl = TimelockController(payable(timelock_));

        assertTrue(tl.hasRole(PROPOSER_ROLE, community));
        assertTrue(tl.hasRole(EXECUTOR_ROLE, community));
        assertTrue(tl.hasRole(CANCELLER_ROLE, community));
        assertTrue(tl.hasRole(DEFAULT_ADMIN_ROLE, timelock_), "the timelock administers itself");
        assertFalse(tl.hasRole(DEFAULT_ADMIN_ROLE, community));
        assertFalse(tl.hasRole(EXECUTOR_ROLE, address(0)), "execution is not open to anyone");
        address[5] memory others = [creator, registrar, bootstrap, address(factory), address(this)];
        for (uint256 i; i < others.length; ++i) {
            assertFalse(tl.hasRole(DEFAULT_ADMIN_ROLE, others[i]));
            assertFalse(tl.hasRole(PROPOSER_ROLE, others[i]));
            assertFalse(tl.hasRole(EXECUTOR_ROLE, others[i]));
            assertFalse(tl.hasRole(CANCELLER_ROLE, others[i]));
        }
        assertEq(tl.getMinDelay(), 2 days);

        // Nobody but the governor can schedule.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, bootstrap, PROPOSER_ROLE
            )
        );
        vm.prank(bootstrap);
        tl.schedule(address(0), 0, "", bytes32(0), bytes32(0), 2 days);
    }

    function test_createCommunity_withoutRegistrarOrBootstrapAdmin() public {
        ICommunityFactory.CommunityParams memory params = _params(address(0), address(0));
        vm.prank(creator);
        (address community, address timelock_) = factory.createCommunity(params);
        ILiquidGovernor governor = ILiquidGovernor(community);
        assertTrue(governor.hasRole(DEFAULT_ADMIN_ROLE, timelock_));
        assertFalse(governor.hasRole(DEFAULT_ADMIN_ROLE, address(0)));
        assertFalse(governor.hasRole(REGISTRAR_ROLE, address(0)));
        assertFalse(governor.hasRole(DEFAULT_ADMIN_ROLE, creator));

        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, creator, REGISTRAR_ROLE
            )
        );
        vm.prank(creator);
        governor.addMember(creator, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                creator,
                DEFAULT_ADMIN_ROLE
            )
        );
        vm.prank(creator);
        governor.setQuorum(1);
        // Governance through the timelock still works.
        vm.prank(timelock_);
        governor.setQuorum(1);
        assertEq(governor.quorumBps(), 1);
    }

    function test_createCommunity_initialisesSettings() public {
        ICommunityFactory.CommunityParams memory params = _params(registrar, bootstrap);
        params.config.votingPeriod = 3 days;
        params.config.minVotingPeriod = 10 minutes;
        params.config.quorumBps = 3300;
        params.config.proposalThreshold = 7;
        params.config.maxTopics = 5;
        params.config.maxDepth = 12;

        uint64 nonce = vm.getNonce(address(factory));
        address expectedCommunity = vm.computeCreateAddress(address(factory), nonce + 1);
        vm.expectEmit(expectedCommunity);
        emit IProposals.VotingPeriodSet(3 days, 10 minutes);
        vm.expectEmit(expectedCommunity);
        emit IProposals.QuorumSet(3300);
        vm.expectEmit(expectedCommunity);
        emit IProposals.ProposalThresholdSet(7);
        vm.expectEmit(expectedCommunity);
        emit ILiquidDelegation.TopicCreated(0, "General");
        vm.expectEmit(expectedCommunity);
        emit ILiquidDelegation.TopicCreated(1, "Budget");
        vm.prank(creator);
        (address community, address timelock_) = factory.createCommunity(params);
        ILiquidGovernor governor = ILiquidGovernor(community);

        assertEq(governor.votingPeriod(), 3 days);
        assertEq(governor.minVotingPeriod(), 10 minutes);
        assertEq(governor.quorumBps(), 3300);
        assertEq(governor.proposalThreshold(), 7);
        assertEq(governor.maxTopics(), 5);
        assertEq(governor.maxDepth(), 12);
        assertEq(governor.topicCount(), 2);
        assertEq(governor.timelock(), timelock_);
        assertEq(governor.proposalCount(), 0);
        assertEq(governor.memberCount(), 0);
        assertEq(governor.totalWeight(), 0);
        assertEq(governor.clock(), _now());
        assertEq(
            address(uint160(uint256(vm.load(community, ERC1967Utils.IMPLEMENTATION_SLOT)))),
            core.governorImplementation
        );
    }

    function test_createCommunity_timelockIsMinimalClone() public {
        (, address timelock_) = factory.createCommunity(_params(registrar, bootstrap));
        address implementation = factory.timelockImplementation();
        assertEq(
            timelock_.code,
            abi.encodePacked(
                hex"363d3d373d3d3d363d73", implementation, hex"5af43d82803e903d91602b57fd5bf3"
            )
        );
        assertTrue(implementation != timelock_);
        assertEq(factory.governorImplementation(), core.governorImplementation);
    }

    function test_createCommunity_communitiesAreIndependent() public {
        (address first,) = factory.createCommunity(_params(registrar, bootstrap));
        (address second,) = factory.createCommunity(_params(registrar, bootstrap));
        assertTrue(first != second);
        vm.prank(registrar);
        ILiquidGovernor(first).addMember(creator, 5);
        assertEq(ILiquidGovernor(first).weightOf(creator), 5);
        assertEq(ILiquidGovernor(second).weightOf(creator), 0);
        assertTrue(ILiquidGovernor(first).timelock() != ILiquidGovernor(second).timelock());
    }

    function test_createCommunity_RevertWhen_ConfigInvalid() public {
        ICommunityFactory.CommunityParams memory params = _params(registrar, bootstrap);
        params.config.quorumBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalInvalidSetting.selector, "quorumBps", 10_001)
        );
        factory.createCommunity(params);

        params = _params(registrar, bootstrap);
        params.config.proposalThreshold = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalInvalidSetting.selector, "proposalThreshold", 0
            )
        );
        factory.createCommunity(params);

        params = _params(registrar, bootstrap);
        params.config.minVotingPeriod = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalInvalidSetting.selector, "minVotingPeriod", 0)
        );
        factory.createCommunity(params);

        params = _params(registrar, bootstrap);
        params.config.votingPeriod = 30 minutes;
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalInvalidSetting.selector, "votingPeriod", 30 minutes
            )
        );
        factory.createCommunity(params);

        params = _params(registrar, bootstrap);
        params.config.maxDepth = 17;
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationInvalidLimit.selector, "maxDepth", 17
            )
        );
        factory.createCommunity(params);
    }

    // ---------------------------------------------------------------- initialisation is one-time

    function test_initialize_RevertWhen_CalledTwice() public {
        CommunityConfig memory config = _config();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        gov.initialize(address(this), address(this), address(this), config);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(timelock);
        gov.initialize(timelock, timelock, timelock, config);
        assertEq(gov.timelock(), timelock);
    }

    function test_initialize_RevertWhen_ImplementationCalledDirectly() public {
        CommunityConfig memory config = _config();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        ILiquidGovernor(core.governorImplementation)
            .initialize(address(this), address(this), address(this), config);
    }

    function test_initialize_RevertWhen_AdminFacetCalledDirectly() public {
        CommunityConfig memory config = _config();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        ILiquidGovernor(core.adminFacet)
            .initialize(address(this), address(this), address(this), config);
    }

    function test_timelockImplementation_isLocked() public {
        TimelockController implementation =
            TimelockController(payable(factory.timelockImplementation()));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        TimelockControllerUpgradeable(payable(address(implementation)))
            .initialize(0, _one(address(this)), _one(address(this)), address(this));
        assertEq(implementation.getMinDelay(), 0);
        assertFalse(implementation.hasRole(PROPOSER_ROLE, address(this)));
        assertFalse(implementation.hasRole(DEFAULT_ADMIN_ROLE, address(this)));
        assertFalse(implementation.hasRole(DEFAULT_ADMIN_ROLE, address(factory)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(this),
                PROPOSER_ROLE
            )
        );
        implementation.schedule(address(0), 0, "", bytes32(0), bytes32(0), 0);
    }

    function test_timelockClone_RevertWhen_InitializedAgain() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        TimelockControllerUpgradeable(payable(timelock))
            .initialize(0, _one(address(this)), _one(address(this)), address(this));
        assertFalse(TimelockController(payable(timelock)).hasRole(PROPOSER_ROLE, address(this)));
    }

    function test_constructor_locksItsOwnTimelockImplementation() public {
        CommunityFactory fresh = new CommunityFactory(core.governorImplementation);
        assertEq(fresh.governorImplementation(), core.governorImplementation);
        TimelockController implementation =
            TimelockController(payable(fresh.timelockImplementation()));
        assertTrue(address(implementation).code.length > 0);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        TimelockControllerUpgradeable(payable(address(implementation)))
            .initialize(0, _one(address(this)), _one(address(this)), address(this));
    }

    // ---------------------------------------------------------------- helpers

    function _params(address registrar_, address bootstrap_)
        internal
        returns (ICommunityFactory.CommunityParams memory)
    {
        string[] memory topics = new string[](2);
        topics[0] = "General";
        topics[1] = "Budget";
        CommunityConfig memory config = deployer.defaultConfig(topics);
        return ICommunityFactory.CommunityParams({
            config: config, timelockDelay: 2 days, registrar: registrar_, bootstrapAdmin: bootstrap_
        });
    }

    function _one(address account) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = account;
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }
}
